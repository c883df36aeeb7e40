/* A spreadsheet (.xlsx, Office Open XML) written in the browser, for the matrix's "download what
   is shown" (site.js): one sheet of text cells, the first row in bold, web addresses as links.
   Every cell is an inline string (t="inlineStr"), which a spreadsheet never evaluates: a rule
   text starting with "=" stays text, with nothing put before it (the CSV needs an apostrophe, a
   workbook does not). Text is XML-escaped and stripped of the characters XML cannot hold. The
   parts are packed in a zip without compression (CRC-32 per part), which every spreadsheet reads;
   nothing is fetched. */
(function (root) {
  "use strict";

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  /* A zip of ``files`` ([name, Uint8Array]), stored: local headers, the data, the central directory. */
  function zip(files) {
    var encoder = new TextEncoder(), chunks = [], central = [], offset = 0;
    function header(size) { var view = new DataView(new ArrayBuffer(size)); return view; }
    files.forEach(function (file) {
      var name = encoder.encode(file[0]), data = file[1], crc = crc32(data);
      var local = header(30);
      local.setUint32(0, 0x04034b50, true);
      local.setUint16(4, 20, true);
      local.setUint16(6, 0x0800, true);  // names in UTF-8
      local.setUint16(8, 0, true);  // stored
      local.setUint16(10, 0, true);
      local.setUint16(12, 0x21, true);  // 1980-01-01
      local.setUint32(14, crc, true);
      local.setUint32(18, data.length, true);
      local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true);
      local.setUint16(28, 0, true);
      chunks.push(new Uint8Array(local.buffer), name, data);
      var entry = header(46);
      entry.setUint32(0, 0x02014b50, true);
      entry.setUint16(4, 20, true);
      entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true);
      entry.setUint16(10, 0, true);
      entry.setUint16(12, 0, true);
      entry.setUint16(14, 0x21, true);
      entry.setUint32(16, crc, true);
      entry.setUint32(20, data.length, true);
      entry.setUint32(24, data.length, true);
      entry.setUint16(28, name.length, true);
      entry.setUint32(42, offset, true);
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = header(22);
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    var parts = chunks.concat(central, [new Uint8Array(end.buffer)]);
    var total = parts.reduce(function (sum, part) { return sum + part.length; }, 0);
    var out = new Uint8Array(total), at = 0;
    parts.forEach(function (part) { out.set(part, at); at += part.length; });
    return out;
  }

  /* The text without the characters XML 1.0 cannot hold: control characters but tab and line
     breaks, U+FFFE, U+FFFF and lone surrogates. */
  function xmlChars(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffe || c === 0xffff) continue;
      if (c >= 0xd800 && c <= 0xdbff) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) { out += text[i] + text[i + 1]; i++; }
        continue;
      }
      if (c >= 0xdc00 && c <= 0xdfff) continue;
      out += text[i];
    }
    return out;
  }
  function xml(text) {
    return xmlChars(String(text === null || text === undefined ? "" : text)).replace(/\p{Cf}/gu, "")
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")  /* Excel reads _xHHHH_ as a character: kept as written */
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function column(index) {
    var name = "";
    for (index += 1; index > 0; index = Math.floor((index - 1) / 26)) name = String.fromCharCode(65 + ((index - 1) % 26)) + name;
    return name;
  }

  /* The workbook of ``rows`` (arrays of text; the first is the header): ``links`` is the index of
     the column whose cells are web addresses (shown as links), ``wrap`` the column whose long
     text wraps within its width, ``widths`` the columns' widths. */
  function workbook(rows, options) {
    options = options || {};
    var links = [], linkColumn = options.links, encoder = new TextEncoder();
    var sheetRows = rows.map(function (cells, r) {
      return '<row r="' + (r + 1) + '">' + cells.map(function (value, c) {
        var ref = column(c) + (r + 1), text = xml(value);
        if (r > 0 && c === linkColumn && /^https?:\/\//.test(String(value))) links.push([ref, text]);
        var style = r === 0 ? ' s="1"' : c === linkColumn && text ? ' s="2"' : c === options.wrap ? ' s="3"' : "";
        return '<c r="' + ref + '" t="inlineStr"' + style + '><is><t xml:space="preserve">' + text + "</t></is></c>";
      }).join("") + "</row>";
    }).join("");
    var widths = (options.widths || []).map(function (width, i) {
      return '<col min="' + (i + 1) + '" max="' + (i + 1) + '" width="' + width + '" customWidth="1"/>';
    }).join("");
    var NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    var sheet = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + NS + ">" +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      (widths ? "<cols>" + widths + "</cols>" : "") + "<sheetData>" + sheetRows + "</sheetData>" +
      (links.length ? "<hyperlinks>" + links.map(function (link, i) { return '<hyperlink ref="' + link[0] + '" r:id="rId' + (i + 1) + '"/>'; }).join("") + "</hyperlinks>" : "") +
      "</worksheet>";
    var REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    var sheetRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      links.map(function (link, i) { return '<Relationship Id="rId' + (i + 1) + '" Type="' + REL + '/hyperlink" Target="' + link[1] + '" TargetMode="External"/>'; }).join("") +
      "</Relationships>";
    var files = [
      ["[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'],
      ["_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + '/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ["xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ' + NS + '><sheets><sheet name="' +
        xml(String(options.sheet || "Ark1").replace(/[\\/?*[\]:]/g, " ").slice(0, 31)) + '" sheetId="1" r:id="rId1"/></sheets></workbook>'],
      ["xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + '/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="' + REL + '/styles" Target="styles.xml"/></Relationships>'],
      ["xl/styles.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>' +
        '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'],
      ["xl/worksheets/sheet1.xml", sheet],
      ["xl/worksheets/_rels/sheet1.xml.rels", sheetRels],
    ];
    return zip(files.map(function (file) { return [file[0], encoder.encode(file[1])]; }));
  }

  root.SiteXlsx = { workbook: workbook, crc32: crc32 };
})(window);
