<#ftl output_format="HTML">
<#-- The news list (content/aktuelles/index.md): the body, the feed link, then every news item, newest first. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#import "lib/aktuelles.ftl" as news>
<@layout.page title=content.title doc=content>
<@site.breadcrumbs doc=content title=content.title/>
<article class="page">
  <h1>${content.title}</h1>
  <div class="prose prose--lead">
    ${content.body?no_esc}
  </div>
  <p class="feed-link"><a href="/aktuelles/feed.xml" type="application/rss+xml">Aktuelles als RSS-Feed abonnieren</a></p>
  <ul class="meldungen">
    <#list news.items() as m>
    <li class="meldungen__item">
      <h2 class="meldungen__title"><a href="${site.urlOf(m)}">${m.title}</a></h2>
      <@news.meta m/>
      <p>${m.kurzfassung}</p>
    </li>
    <#else>
    <li class="meldungen__item">Zurzeit gibt es keine Meldungen.</li>
    </#list>
  </ul>
</article>
</@layout.page>
