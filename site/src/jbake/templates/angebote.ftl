<#ftl output_format="HTML">
<#-- The directory of virtual channels: content/virtuelle-angebote/index.md shows every entry; SiteBaker generates
     one page per channel type and target group in use from it (header filter=kanal/<value> or
     zielgruppe/<value>), which shows only the matching entries. So every filter works without JavaScript;
     /assets/verzeichnis.js filters in place when scripts run and keeps the addresses of these pages. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#import "lib/verzeichnis.ftl" as v>
<#assign dir = v.directory()>
<#assign key = content.filter!"alle">
<#assign matches = dir.filter?filter(f -> f.schluessel == key)>
<#if matches?size != 1><#stop "${content.uri}: no filter '${key}' in data/verzeichnis.yaml"></#if>
<#assign current = matches[0]>
<#assign shown = dir.eintraege?filter(e -> current.eintraege?seq_contains(e.slug))>
<#assign group = content.einstiege!"virtuell">
<#assign entryPoints = data.get('einstiege.yaml').einstiege?filter(e -> e.groups?seq_contains(group))>
<@layout.page title=content.title doc=content>
<@site.breadcrumbs doc=content title=content.title/>
<#-- compress: the listing grows with every entry, and the page budget is 40 KB. -->
<#compress>
<article class="page page--wide">
  <h1>${dir.titel}</h1>
  <div class="prose prose--lead">
    ${content.body?no_esc}
  </div>
  <@site.hilfe/>
  <#if dir.beispiele><@v.exampleNote/></#if>
  <div class="verzeichnis" data-verzeichnis data-alle="${dir.url}"<#if key == "alle"> data-vollstaendig</#if>>
    <nav class="filter" aria-labelledby="filter-titel">
      <h2 id="filter-titel" class="filter__title">Angebote auswählen</h2>
      <#list [["alle", ""], ["kanal", "Wie möchten Sie Kontakt aufnehmen?"], ["zielgruppe", "Für wen ist das Angebot?"]] as art>
      <#assign links = dir.filter?filter(f -> f.art == art[0])>
      <#if links?has_content>
      <#if art[1]?has_content><h3 class="filter__group">${art[1]}</h3></#if>
      <ul class="filter__list">
        <#list links as f>
        <li><a class="filter__link" href="${f.url}" data-filter="${f.art}" data-wert="${f.wert}" data-ueberschrift="${f.ueberschrift}" data-anzahl="${f.anzahlText}" data-seitentitel="${f.seitentitel}"<#if f.schluessel == key> aria-current="page"</#if>>${f.label} <span class="filter__count">(${f.anzahl})</span></a></li>
        </#list>
      </ul>
      </#if>
      </#list>
    </nav>
    <section class="treffer" aria-labelledby="treffer-titel">
      <h2 id="treffer-titel" class="treffer__title" data-treffer-titel>${current.ueberschrift}</h2>
      <p class="treffer__anzahl" role="status" data-treffer-anzahl>${current.anzahlText}</p>
      <ul class="angebote" data-eintraege>
        <#list shown as e>
        <li class="angebot" id="${v.anchor(e)}" data-kanal="${e.kanaeleWerte}" data-zielgruppe="${e.zielgruppenWerte}">
          <h3 class="angebot__title"><a href="${e.url}">${e.titel}</a><@v.badge e/></h3>
          <@v.details e/>
        </li>
        </#list>
      </ul>
    </section>
  </div>
  <#if entryPoints?has_content>
  <section class="entry-points" aria-labelledby="einstiege-titel">
    <h2 id="einstiege-titel">${content.einstiegeTitel!"Für Träger"}</h2>
    <ul class="cards">
      <#list entryPoints as entry>
      <li class="card">
        <h3 class="card__title"><a class="card__link" href="${entry.href}">${entry.title}</a></h3>
        <p class="card__audience">${entry.audience}</p>
        <p class="card__text">${entry.text}</p>
      </li>
      </#list>
    </ul>
  </section>
  </#if>
</article>
</#compress>
<script src="/assets/verzeichnis.js" defer></script>
</@layout.page>
