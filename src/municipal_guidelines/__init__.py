"""The guideline model shared by the MkDocs hooks and the scripts.

Pipeline: ``pages`` parses a guideline page (front matter + annotated Markdown) into a
``Guideline``; ``validate`` checks guidelines against the taxonomy and each other;
``matrix`` builds the topic x municipality comparison; ``exports`` serialises it.
Everything here is pure Python without MkDocs, so it is unit-tested directly.
"""
