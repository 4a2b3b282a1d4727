<#ftl output_format="HTML">
<#-- The page of one entry of the directory of virtual channels (rendered by DirectoryRenderer). Its heading and
     details are EntryHtml's markup, the same the office's preview shows. Model: doc, titel, beispiel, verzeichnis,
     html.ueberschrift, html.details. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#import "lib/verzeichnis.ftl" as v>
<@layout.page title=titel doc=doc>
<@site.breadcrumbs doc=doc title=titel/>
<article class="page">
  ${html.ueberschrift?no_esc}
  <#if beispiel><@v.exampleNote/></#if>
  ${html.details?no_esc}
  <p><a href="${verzeichnis.url}">Alle virtuellen Angebote</a></p>
  <@site.hilfe/>
</article>
</@layout.page>
