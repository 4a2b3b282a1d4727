<#ftl output_format="HTML">
<#-- The RSS 2.0 feed of the news, rendered by JBake to feed.file (aktuelles/feed.xml): every published item,
     newest first, with absolute addresses from site.host and RFC 822 dates. The HTML output format escapes
     < > & " ' as XML needs them escaped. -->
<#import "lib/site.ftl" as site>
<#import "lib/aktuelles.ftl" as news>
<#setting locale="en_US">
<#assign host = news.host()>
<#assign all = news.items()>
<#assign rfc822 = "EEE, dd MMM yyyy HH:mm:ss Z">
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Aktuelles – Fachkraftallianz</title>
    <link>${host}/aktuelles/</link>
    <description>Neuigkeiten zur Fachkraftallianz des Landkreises Sächsische Schweiz-Osterzgebirge</description>
    <language>de-de</language>
    <atom:link href="${host}/aktuelles/feed.xml" rel="self" type="application/rss+xml"/>
    <#if all?has_content>
    <pubDate>${all[0].date?datetime?string(rfc822)}</pubDate>
    </#if>
    <#list all as m>
    <item>
      <title>${m.title}</title>
      <link>${host}${site.urlOf(m)}</link>
      <guid isPermaLink="true">${host}${site.urlOf(m)}</guid>
      <pubDate>${m.date?datetime?string(rfc822)}</pubDate>
      <description>${m.kurzfassung}</description>
    </item>
    </#list>
  </channel>
</rss>
