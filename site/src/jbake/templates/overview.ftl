<#ftl output_format="HTML">
<#-- A page with entry points: the Markdown body, then the cards from data/einstiege.yaml whose groups contain the
     page's "einstiege" header value (e.g. einstiege=start). -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#assign group = content.einstiege>
<#assign entries = data.get('einstiege.yaml').einstiege?filter(e -> e.groups?seq_contains(group))>
<#if !entries?has_content><#stop "${content.uri}: no entry points in data/einstiege.yaml for group '${group}'"></#if>
<@layout.page title=content.title doc=content>
<@site.breadcrumbs doc=content title=content.title/>
<article class="page">
  <h1>${content.title}</h1>
  <div class="prose prose--lead">
    ${content.body?no_esc}
  </div>
  <section class="entry-points" aria-labelledby="einstiege-titel">
    <h2 id="einstiege-titel">${content.einstiegeTitel!"Was möchten Sie tun?"}</h2>
    <ul class="cards">
      <#list entries as entry>
      <li class="card">
        <h3 class="card__title"><a class="card__link" href="${entry.href}">${entry.title}</a></h3>
        <p class="card__audience">${entry.audience}</p>
        <p class="card__text">${entry.text}</p>
      </li>
      </#list>
    </ul>
  </section>
</article>
</@layout.page>
