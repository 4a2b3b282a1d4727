<#ftl output_format="HTML">
<#-- Building blocks of the directory of virtual channels (verzeichnis.ftl, verzeichnis-eintrag.ftl), rendered by
     DirectoryRenderer. Import with <#import "lib/verzeichnis.ftl" as v>. -->

<#-- Says that the entries marked „Beispiel“ are made up and will be replaced. -->
<#macro exampleNote>
  <div class="notice notice--example">
    <p><strong>Hinweis:</strong> Die Einträge mit dem Zusatz „Beispiel“ sind ausgedacht. Sie zeigen nur, wie dieses
    Verzeichnis aussehen wird. Deshalb haben sie keine Telefonnummern und keine Links: So erreicht niemand aus
    Versehen einen fremden Anschluss. Das Jugend- und Bildungsamt ersetzt die Beispiele durch die Angebote, die Träger
    melden.</p>
  </div>
</#macro>

<#-- The filters: a way of contact and a target group, each a list of links that keep the other choice, so both
     combine without JavaScript. The chosen option of each list is marked aria-current="true". -->
<#macro filter f>
  <nav class="filter" aria-labelledby="filter-titel">
    <h2 id="filter-titel" class="filter__title">Angebote auswählen</h2>
    <h3 class="filter__group" id="filter-kanal">Wie möchten Sie Kontakt aufnehmen?</h3>
    <@options f.kanal "filter-kanal"/>
    <h3 class="filter__group" id="filter-zielgruppe">Für wen ist das Angebot?</h3>
    <@options f.zielgruppe "filter-zielgruppe"/>
  </nav>
</#macro>

<#macro options links labelledby>
    <ul class="filter__list" aria-labelledby="${labelledby}">
      <#list links as o>
      <li><a class="filter__link" href="${o.url}"<#if o.aktuell> aria-current="true"</#if>>${o.label} <span class="filter__count">(${o.anzahl})</span></a></li>
      </#list>
    </ul>
</#macro>

<#-- Pages of a long list: previous, the first, the last and the two around the current one, next. -->
<#macro seiten s>
  <nav class="seiten" aria-label="Seiten der Liste">
    <p class="seiten__stand">Seite ${s.nummer} von ${s.anzahl}</p>
    <ul class="filter__list">
      <#if s.vorher??><li><a class="filter__link" href="${s.vorher}" rel="prev">Vorherige Seite</a></li></#if>
      <#list s.links as l>
      <#if l.luecke><li class="seiten__luecke" aria-hidden="true">…</li><#else><li><a class="filter__link" href="${l.url}"<#if l.aktuell> aria-current="page"</#if>><span class="visually-hidden">Seite </span>${l.nummer}</a></li></#if>
      </#list>
      <#if s.nachher??><li><a class="filter__link" href="${s.nachher}" rel="next">Nächste Seite</a></li></#if>
    </ul>
  </nav>
</#macro>
