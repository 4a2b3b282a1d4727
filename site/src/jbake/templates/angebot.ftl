<#ftl output_format="HTML">
<#-- The page of one entry of the directory of virtual channels (content/virtuelle-angebote/<slug>.md). What it
     shows comes, checked and prepared, from data/verzeichnis.yaml; see lib/verzeichnis.ftl. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#import "lib/verzeichnis.ftl" as v>
<#assign dir = v.directory()>
<#assign matches = dir.eintraege?filter(e -> e.uri == content.uri)>
<#if matches?size != 1><#stop "${content.uri}: not in data/verzeichnis.yaml"></#if>
<#assign e = matches[0]>
<@layout.page title=e.titel doc=content + {"parent": dir.url}>
<@site.breadcrumbs doc=content + {"parent": dir.url} title=e.titel/>
<article class="page">
  <h1>${e.titel}<@v.badge e/></h1>
  <#if e.beispiel><@v.exampleNote/></#if>
  <div class="angebot angebot--page">
    <@v.details e/>
  </div>
  <p><a href="${dir.url}">Alle virtuellen Angebote</a></p>
  <@site.hilfe/>
</article>
</@layout.page>
