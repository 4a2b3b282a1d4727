<#ftl output_format="HTML">
<#-- A plain content page: breadcrumbs, title from the header, body from Markdown. Optional headers:
     formulare=<id>,<id>  buttons to those forms (and the form pages get this page as their parent),
     formulareTitel       heading above them (default "Zum Formular"),
     kontakte=<id>,<id>   contact cards from data/county.yaml, kontakteTitel their heading,
     parent=/pfad/        the parent page in the breadcrumbs (default: the start page),
     navTitle             a shorter label for the breadcrumbs,
     breadcrumbs=false    no breadcrumbs (the 404 page),
     hilfe=true|leicht    the box „Hilfe sofort“ with the national help numbers at the end (leicht: its wording in
                          Leichte Sprache), for pages that address children, young people or parents.
     Form buttons and contact cards follow the body, or stand where the body has the marker line (an HTML comment
     with the word "bausteine", see the marker below); there they belong to the section before it, so their
     headings are h3 instead of h2. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#assign marker = "<!-- bausteine -->">
<#assign parts = content.body?split(marker)>
<#if (parts?size > 2)><#stop "${content.uri}: the line ${marker} may appear only once"></#if>
<#assign level = (parts?size == 2)?then(3, 2)>
<#macro blocks>
  <#if content.formulare??>
  <section class="cta" aria-labelledby="formulare-titel">
    <h${level} id="formulare-titel">${content.formulareTitel!"Zum Formular"}</h${level}>
    <@site.formLinks ids=content.formulare/>
  </section>
  </#if>
  <#if content.kontakte??>
  <@site.contacts ids=content.kontakte heading=content.kontakteTitel!"So erreichen Sie uns" level=level/>
  </#if>
</#macro>
<@layout.page title=content.title doc=content>
<@site.breadcrumbs doc=content title=content.title/>
<article class="page">
  <h1>${content.title}</h1>
  <div class="prose">
    ${parts[0]?no_esc}
    <#if parts?size == 2>
    <@blocks/>
    ${parts[1]?no_esc}
    </#if>
  </div>
  <#if parts?size == 1>
  <@blocks/>
  </#if>
  <#if content.hilfe??>
  <@site.hilfe variant=(content.hilfe == "leicht")?then("leicht", "standard")/>
  </#if>
</article>
</@layout.page>
