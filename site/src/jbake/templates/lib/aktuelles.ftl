<#ftl output_format="HTML">
<#-- Building blocks of the news (content/aktuelles/<slug>/index.md, type meldung): the list page, each item's page
     and the RSS feed. Import with <#import "lib/aktuelles.ftl" as news>. -->

<#-- The site's public address from site.host in jbake.properties ("https://www.example.org", no trailing slash):
     the feed and the share link need absolute addresses. -->
<#function host>
  <#local h = (config.site_host)!"">
  <#if !h?matches("https?://[^/\\s]+")>
    <#stop "site.host in jbake.properties must be the site's public address without a trailing slash, e.g. https://www.example.org (it is '${h}')">
  </#if>
  <#return h>
</#function>

<#-- Every published news item, newest first (same day: by address, descending, so the order never varies);
     stops the bake when an item lacks its date or summary. -->
<#function items>
  <#local all = published_meldungs>
  <#list all as m>
    <#if !(m.date??) || !(m.kurzfassung!"")?has_content>
      <#stop "${m.uri}: a news item needs the headers date=TT.MM.JJJJ and kurzfassung=…">
    </#if>
  </#list>
  <#return all?sort_by("uri")?sort_by("date")?reverse>
</#function>

<#-- The item published before (older = true) or after the given one, or an empty sequence. JBake's own
     previousContent/nextContent cannot be used: JBake 2.7 looks the item up by equality of all its fields, misses
     it and then offers the newest item as the neighbour of every item. -->
<#function neighbour m older>
  <#local all = items()>
  <#list all as candidate>
    <#if candidate.uri == m.uri>
      <#local i = candidate?index + older?then(1, -1)>
      <#return (i >= 0 && i < all?size)?then([all[i]], [])>
    </#if>
  </#list>
  <#stop "${m.uri}: not among the published news items">
</#function>

<#-- Date and, for press releases, the number: „30.03.2020 · Pressemitteilung Nr. 107/2020“. -->
<#macro meta m>
  <p class="meldung__meta"><time datetime="${m.date?date?string('yyyy-MM-dd')}">${m.date?date?string('dd.MM.yyyy')}</time><#if m.nummer??> · Pressemitteilung Nr. ${m.nummer}</#if></p>
</#macro>
