/* Material for MkDocs 9.8.1, partials/javascripts/content.html, moved out of the page so that the
   site runs under Content-Security-Policy: script-src 'self' (no inline scripts). Loaded
   synchronously right after the page content by overrides/partials/javascripts/content.html.
   Material's two inline scripts, unchanged: the first (restore linked content tabs) runs only when
   the theme feature content.tabs.link is on, which the script tag says with data-md-tabs-link; the
   second opens the content tab that the address's #fragment names. Compare with Material's partial
   when upgrading. */
if(document.currentScript.hasAttribute("data-md-tabs-link")){var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}}
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
