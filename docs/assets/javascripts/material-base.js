/* Material for MkDocs 9.8.1, partials/javascripts/base.html, moved out of the page so that the site
   runs under Content-Security-Policy: script-src 'self' (no inline scripts). Loaded synchronously
   in <head> by overrides/partials/javascripts/base.html, before Material's bundle, which reads
   these globals when it starts. The only change from Material's inline script: the scope URL, which
   differs per page, comes from this script tag's data-md-scope attribute instead of being written
   into the code. Compare with Material's partial when upgrading. */
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
