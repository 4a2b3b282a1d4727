<#ftl output_format="HTML">
<#-- One page of the directory of virtual channels: the listing, or the entries of one way of contact, one target
     group or both, one page of them (DirectoryRenderer renders every such page, for the bake and the publisher
     alike; JBake does not). Every filter is a link to a page of its own, so filters combine without JavaScript.
     Model: doc, seitentitel, verzeichnis, auswahl, filter, seiten (null on a single page), html.karten (the entries'
     cards, built and escaped by EntryHtml). -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#import "lib/verzeichnis.ftl" as v>
<#assign entryPoints = data.get('einstiege.yaml').einstiege?filter(e -> e.groups?seq_contains(verzeichnis.einstiegeGruppe))>
<@layout.page title=seitentitel doc=doc>
<@site.breadcrumbs doc=doc title=doc.navTitle/>
<#-- compress: the listing grows with every entry, and the page budget is 40 KB. -->
<#compress>
<article class="page page--wide">
  <h1>${verzeichnis.titel}</h1>
  <div class="prose prose--lead">
    ${verzeichnis.einleitung?no_esc}
  </div>
  <@site.hilfe/>
  <#if verzeichnis.beispiele><@v.exampleNote/></#if>
  <div class="verzeichnis">
    <@v.filter filter/>
    <section class="treffer" aria-labelledby="treffer-titel">
      <h2 id="treffer-titel" class="treffer__title">${auswahl.ueberschrift}</h2>
      <p class="treffer__anzahl">${auswahl.anzahlText}</p>
      <#if auswahl.leer>
      <p class="notice treffer__leer">Noch ist hier kein Angebot eingetragen. Das Jugend- und Bildungsamt veröffentlicht die Angebote, die Träger melden, sobald es sie geprüft hat.</p>
      <#elseif auswahl.anzahl == 0>
      <p class="notice treffer__leer">Für diese Auswahl gibt es gerade kein Angebot. Wählen Sie oben einen anderen Weg oder eine andere Gruppe.</p>
      <#else>
      <ul class="angebote">
${html.karten?no_esc}
      </ul>
      </#if>
      <#if seiten??><@v.seiten seiten/></#if>
    </section>
  </div>
  <#if entryPoints?has_content>
  <section class="entry-points" aria-labelledby="einstiege-titel">
    <h2 id="einstiege-titel">${verzeichnis.einstiegeTitel}</h2>
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
</@layout.page>
