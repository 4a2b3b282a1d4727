<#ftl output_format="HTML">
<#-- The privacy notice: the Markdown body, with one block per form (recipient, what it asks for, how long it is
     kept: all from the form definitions via data/forms.yaml) inserted where the body has the marker line. -->
<#import "generated/page.ftl" as layout>
<#assign marker = "<!-- formulare -->">
<#assign parts = content.body?split(marker)>
<#if parts?size != 2><#stop "${content.uri}: the body needs the line ${marker} exactly once"></#if>
<@layout.page title=content.title>
<article class="page">
  <h1>${content.title}</h1>
  <div class="prose">
    ${parts[0]?no_esc}
    <#list data.get('forms.yaml').forms as form>
    <section class="privacy-form" aria-labelledby="ds-${form.id}">
      <h3 id="ds-${form.id}">${form.title}</h3>
      <dl class="facts">
        <div class="facts__item">
          <dt>Empfänger</dt>
          <dd>${form.recipient}</dd>
        </div>
        <div class="facts__item">
          <dt>Abgefragte Angaben</dt>
          <dd>
            <ul class="list-compact">
              <#list form.fields as label>
              <li>${label}</li>
              </#list>
            </ul>
          </dd>
        </div>
        <div class="facts__item">
          <dt>Speicherdauer</dt>
          <dd>Wir löschen die Angaben spätestens ${form.retentionDays} Tage nach dem Absenden.</dd>
        </div>
      </dl>
      <p><a href="${form.url}">Zum Formular „${form.title}“</a></p>
    </section>
    </#list>
    ${parts[1]?no_esc}
  </div>
</article>
</@layout.page>
