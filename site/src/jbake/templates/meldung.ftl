<#ftl output_format="HTML">
<#-- One news item (content/aktuelles/<slug>/index.md, type meldung; headers date=TT.MM.JJJJ, kurzfassung=… and,
     for a press release, nummer=107/2020): the text, a share link that needs no third-party script (e-mail and the
     plain address to copy), and links to the older and newer item (neighbours by date, see lib/aktuelles.ftl).
     A press release says it is a summary of it; the header siehe=/pfad/,/pfad/ lists pages of this site after the
     text, set apart from it. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#import "lib/aktuelles.ftl" as news>
<#if !(content.date??) || !(content.kurzfassung!"")?has_content>
  <#stop "${content.uri}: a news item needs the headers date=TT.MM.JJJJ and kurzfassung=…">
</#if>
<#assign address = news.host() + site.urlOf(content)>
<@layout.page title=content.title doc=content + {"parent": "/aktuelles/"}>
<@site.breadcrumbs doc=content + {"parent": "/aktuelles/"} title=content.title/>
<article class="page meldung">
  <h1>${content.title}</h1>
  <@news.meta content/>
  <#if content.nummer??>
  <p class="notice meldung__quelle">Diese Meldung fasst die Pressemitteilung Nr. ${content.nummer} des Landratsamtes
  Sächsische Schweiz-Osterzgebirge vom ${content.date?date?string('dd.MM.yyyy')} zusammen.</p>
  </#if>
  <div class="prose">
    ${content.body?no_esc}
  </div>
  <#if content.siehe??>
  <section class="prose meldung__mehr" aria-labelledby="mehr-titel">
    <h2 id="mehr-titel">Mehr dazu auf dieser Website</h2>
    <ul>
      <#list content.siehe?split(",") as url>
      <#assign target = site.pageAt(url?trim, published_content)>
      <li><a href="${url?trim}">${target.navTitle!target.title}</a></li>
      </#list>
    </ul>
  </section>
  </#if>
  <p class="meldung__adresse">Diese Meldung im Internet: ${address}</p>
  <section class="teilen" aria-labelledby="teilen-titel">
    <h2 id="teilen-titel">Meldung weitergeben</h2>
    <p><a href="mailto:?subject=${content.title?url('UTF-8')}&amp;body=${(content.title + '\n' + address)?url('UTF-8')}">Per E-Mail weiterleiten</a></p>
    <p class="teilen__adresse">
      <label class="field__label" for="teilen-adresse">Adresse dieser Meldung zum Kopieren</label>
      <input class="input" id="teilen-adresse" type="url" value="${address}" readonly>
    </p>
  </section>
  <nav class="meldung-nav" aria-label="Weitere Meldungen">
    <ul class="meldung-nav__list">
      <#list news.neighbour(content, true) as older>
      <li>Ältere Meldung: <a href="${site.urlOf(older)}" rel="prev">${older.title}</a></li>
      </#list>
      <#list news.neighbour(content, false) as newer>
      <li>Neuere Meldung: <a href="${site.urlOf(newer)}" rel="next">${newer.title}</a></li>
      </#list>
      <li><a href="/aktuelles/">Alle Meldungen</a></li>
    </ul>
  </nav>
</article>
</@layout.page>
