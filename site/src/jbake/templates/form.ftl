<#ftl output_format="HTML">
<#-- One form page per form definition. SiteBaker generates content/formulare/<id>/index.html (header formId=<id>),
     data/forms.yaml (title, intro, recipient, retention of every form) and templates/generated/form-<id>.html
     (the form markup, rendered by the function's FormHtml from the same definition the function validates with). -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#assign matches = data.get('forms.yaml').forms?filter(f -> f.id == content.formId)>
<#if matches?size != 1><#stop "${content.uri}: no form definition '${content.formId}' in data/forms.yaml"></#if>
<#assign form = matches[0]>
<@layout.page title=form.title doc=content>
<@site.breadcrumbs doc=content title=form.title/>
<article class="page page--form">
  <h1>${form.title}</h1>
  <div class="prose prose--lead">
    <#list form.intro as paragraph>
    <p>${paragraph}</p>
    </#list>
  </div>
  <dl class="facts">
    <div class="facts__item">
      <dt>Ihre Angaben gehen an</dt>
      <dd>${form.recipient}</dd>
    </div>
    <div class="facts__item">
      <dt>Speicherdauer</dt>
      <dd>höchstens ${form.retentionDays} Tage, mehr in den <a href="/datenschutz/">Hinweisen zum Datenschutz</a></dd>
    </div>
  </dl>
  <p class="form-note">Felder mit dem Zusatz „freiwillig“ können Sie leer lassen. Alle anderen Angaben brauchen wir, um Ihr Anliegen zu bearbeiten.</p>
  <#include "generated/form-${form.id}.html" parse=false>
</article>
</@layout.page>
