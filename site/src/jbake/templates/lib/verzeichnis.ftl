<#ftl output_format="HTML">
<#-- Building blocks of the directory of virtual channels (listing, filter pages, entry pages). The entries come
     from data/verzeichnis.yaml, which SiteBaker (ChannelDirectory) writes from content/virtuelle-angebote/*.md.
     Import with <#import "lib/verzeichnis.ftl" as v>. -->

<#-- The directory: title, url, formular, anzahl, beispiele, eintraege, filter. -->
<#function directory>
  <#return data.get('verzeichnis.yaml').verzeichnis>
</#function>

<#-- The id of an entry on the listing (prefixed, so no slug can clash with another id on the page). -->
<#function anchor e>
  <#return "angebot-" + e.slug>
</#function>

<#-- „Beispiel“ after an entry's name; the brackets are for screen readers and text browsers. -->
<#macro badge e><#if e.beispiel> <span class="badge"><span class="visually-hidden">(</span>Beispiel<span class="visually-hidden">)</span></span></#if></#macro>

<#-- Says that the entries marked „Beispiel“ are made up and will be replaced. -->
<#macro exampleNote>
  <div class="notice notice--example">
    <p><strong>Hinweis:</strong> Die Einträge mit dem Zusatz „Beispiel“ sind ausgedacht. Sie zeigen nur, wie dieses
    Verzeichnis aussehen wird. Deshalb haben sie keine Telefonnummern und keine Links: So erreicht niemand aus
    Versehen einen fremden Anschluss. Das Jugend- und Bildungsamt ersetzt die Beispiele durch die Angebote, die Träger
    melden.</p>
  </div>
</#macro>

<#-- Everything about an entry below its name: organisation, description, how to reach it now, last check. -->
<#macro details e>
  <p class="angebot__traeger">${e.traeger}</p>
  <#list e.beschreibung as paragraph>
  <p class="angebot__text">${paragraph}</p>
  </#list>
  <dl class="angebot__fakten">
    <div>
      <dt>So erreichen Sie das Angebot</dt>
      <dd>
        <ul class="angebot__wege">
          <#list e.wege as weg>
          <li>${weg.art}: <#if weg.href??><a href="${weg.href}">${weg.text}</a><#else>${weg.text} (Beispiel, nicht erreichbar)</#if></li>
          <#else>
          <li>Keine Kontaktdaten: Dieser Eintrag ist ein ausgedachtes Beispiel.</li>
          </#list>
        </ul>
      </dd>
    </div>
    <div>
      <dt>Art des Angebots</dt>
      <dd><#list e.kanaele as k>${k.label}<#if k.wert == "social-media" && e.plattform??> (${e.plattform})</#if><#sep>, </#list></dd>
    </div>
    <div>
      <dt>Erreichbar</dt>
      <dd>${e.erreichbarkeit}</dd>
    </div>
    <div>
      <dt>Für wen</dt>
      <dd>${e.zielgruppen?map(z -> z.label)?join(", ")}</dd>
    </div>
  </dl>
  <p class="angebot__geprueft">Zuletzt geprüft am <time datetime="${e.geprueft.iso}">${e.geprueft.text}</time></p>
</#macro>
