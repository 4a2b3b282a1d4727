<#ftl output_format="HTML">
<#-- The privacy notice: the Markdown body, with one block per form inserted where the body has the marker line.
     What a form asks for, who receives it and how long it is kept come from the form definitions (data/forms.yaml);
     purpose, disclosure and legal basis from data/datenschutz.yaml, which must have an entry for every form. -->
<#import "generated/page.ftl" as layout>
<#import "lib/site.ftl" as site>
<#assign marker = "<!-- formulare -->">
<#assign parts = content.body?split(marker)>
<#if parts?size != 2><#stop "${content.uri}: the body needs the line ${marker} exactly once"></#if>
<#assign notes = data.get('datenschutz.yaml').formulare>
<@layout.page title=content.title doc=content>
<@site.breadcrumbs doc=content title=content.title/>
<article class="page">
  <h1>${content.title}</h1>
  <div class="prose">
    ${parts[0]?no_esc}
    <#-- One block per form, whitespace squeezed: this page is the heaviest of the site (weight budget). -->
    <#compress>
    <#list data.get('forms.yaml').forms as form>
    <#if !notes[form.id]??><#stop "data/datenschutz.yaml: no entry for the form '${form.id}'"></#if>
    <#assign note = notes[form.id]>
    <section class="privacy-form" aria-labelledby="ds-${form.id}">
      <h3 id="ds-${form.id}">${form.title}</h3>
      <dl class="facts">
        <div class="facts__item">
          <dt>Wozu</dt>
          <dd>${note.zweck}</dd>
        </div>
        <div class="facts__item">
          <dt>Empfänger</dt>
          <dd>${form.recipient}. ${note.weitergabe}</dd>
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
          <dt>Rechtsgrundlage</dt>
          <dd>${note.rechtsgrundlage}</dd>
        </div>
        <div class="facts__item">
          <dt>Speicherdauer</dt>
          <dd>${form.retention}</dd>
        </div>
      </dl>
      <p><a href="${form.url}">Zum Formular „${form.title}“</a></p>
    </section>
    </#list>
    <p>Eingänge, die wie Spam aussehen und die niemand prüft, werden ${data.get('forms.yaml').unreviewedSpamDays} Tage nach dem Eingang gelöscht. Bestätigt das Amt den Verdacht, gilt die Speicherdauer des Formulars.</p>
    </#compress>
    ${parts[1]?no_esc}
  </div>
</article>
</@layout.page>
