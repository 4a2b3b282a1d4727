<#ftl output_format="HTML">
<#-- A plain content page: title from the header, body from Markdown. -->
<#import "generated/page.ftl" as layout>
<@layout.page title=content.title>
<article class="page">
  <h1>${content.title}</h1>
  <div class="prose">
    ${content.body?no_esc}
  </div>
</article>
</@layout.page>
