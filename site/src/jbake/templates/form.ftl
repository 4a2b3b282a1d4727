<#ftl output_format="HTML">
<#-- One form page per form definition. SiteBaker generates content/formulare/<id>/index.html (header formId=<id>),
     data/forms.yaml (title, intro, recipient, retention, breadcrumbs of every form) and templates/generated/form-<id>.html:
     the page's whole content (breadcrumbs, heading, intro, the form), rendered by the functions' FormPages from the
     same definition the function validates with, so the function's own answers (the form with its errors, the review
     of the answers) look exactly like this page. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#assign matches = data.get('forms.yaml').forms?filter(f -> f.id == content.formId)>
<#if matches?size != 1><#stop "${content.uri}: no form definition '${content.formId}' in data/forms.yaml"></#if>
<#assign form = matches[0]>
<#-- The definition names the way to the form for the function's pages; it must be the way the site's pages lead. -->
<#assign way = site.ancestors(content)>
<#if way?size != form.breadcrumbs?size><#stop "${content.formId}: the definition's breadcrumbs do not match the pages that lead to the form (site: ${way?map(a -> site.urlOf(a))?join(', ')})"></#if>
<#list way as ancestor>
  <#assign declared = form.breadcrumbs[ancestor?index]>
  <#if site.urlOf(ancestor) != declared.href || (ancestor.navTitle!ancestor.title) != declared.text>
    <#stop "${content.formId}: breadcrumb ${ancestor?index + 1} is ${site.urlOf(ancestor)} „${ancestor.navTitle!ancestor.title}“ on the site but ${declared.href} „${declared.text}“ in the form definition">
  </#if>
</#list>
<@layout.page title=form.title doc=content>
<#include "generated/form-${form.id}.html" parse=false>
</@layout.page>
