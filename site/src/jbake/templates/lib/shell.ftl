<#ftl output_format="HTML">
<#-- What the page shell (web/page.html, made into generated/page.ftl by PageShellMacro) takes from the site at bake
     time: the bake regions (<!--bake:name-->, one macro each) and the state of the main navigation. The function's
     own pages use the shell as it is, with the regions' defaults and no current navigation item. -->
<#import "/lib/site.ftl" as site>

<#-- aria-current of the main navigation link to href on the page doc: "page" on that page itself, "true" on every
     page below it (its address starts with href, or href is among its breadcrumbs), else "". Nothing on the 404 page
     (shown at any address) or without a document. The start page's link is current on the start page only. -->
<#function current doc href>
  <#if !doc?has_content || !(doc.uri??) || (doc.breadcrumbs!"") == "false"><#return ""></#if>
  <#local url = site.urlOf(doc)>
  <#if url == href><#return "page"></#if>
  <#if href != "/" && (url?starts_with(href) || site.trail(doc)?seq_contains(href))><#return "true"></#if>
  <#return "">
</#function>

<#-- The county's name in the band at the top of every page (KERN's "Kopfzeile"): a link to the county's main site
     from data/county.yaml (landkreis.website); while that is a placeholder, the name and the placeholder as text. -->
<#macro landkreis doc>
  <#local county = data.get('county.yaml').landkreis>
  <#if site.isPlaceholder(county.website)>
  <span class="kopfzeile__landkreis">${county.name} ${county.website}</span>
  <#else>
  <a class="kopfzeile__landkreis" href="${county.website}">${county.name}</a>
  </#if>
</#macro>
