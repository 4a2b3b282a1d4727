<#ftl output_format="HTML">
<#-- Building blocks shared by the page templates: breadcrumbs, contact cards, links to forms.
     Import with <#import "lib/site.ftl" as site>. -->

<#-- The site path of a document: "kontakt/index.html" -> "/kontakt/", "index.html" -> "/". -->
<#function urlOf doc>
  <#return "/" + (doc.uri!"")?remove_ending("index.html")>
</#function>

<#-- The published page at a site path; stops the bake if there is none (a broken "parent" header). The directory of
     virtual channels is no JBake document (DirectoryRenderer renders it after the bake): for its listing the bake
     writes its header into data/verzeichnis.yaml. -->
<#function pageAt url all>
  <#list all as candidate>
    <#if (candidate.uri)?? && urlOf(candidate) == url><#return candidate></#if>
  </#list>
  <#if url == "/virtuelle-angebote/"><#return data.get('verzeichnis.yaml').listing></#if>
  <#stop "no published page at ${url} (check the 'parent' header)">
</#function>

<#-- The site path of a document's parent: its "parent" header; for a form page, the page whose "formulare" header
     names the form; otherwise the start page. -->
<#function parentUrl doc all>
  <#if doc.parent??><#return doc.parent></#if>
  <#if doc.formId??>
    <#list all as candidate>
      <#if candidate.formulare?? && candidate.formulare?split(",")?map(s -> s?trim)?seq_contains(doc.formId)>
        <#return urlOf(candidate)>
      </#if>
    </#list>
  </#if>
  <#return "/">
</#function>

<#-- The documents from the start page down to the parent of doc; none for the start page itself. -->
<#function ancestors doc>
  <#if urlOf(doc) == "/"><#return []></#if>
  <#local all = published_content>
  <#local found = []>
  <#local url = parentUrl(doc, all)>
  <#list 1..10 as depth>
    <#local ancestor = pageAt(url, all)>
    <#local found = [ancestor] + found>
    <#if url == "/"><#return found></#if>
    <#local url = parentUrl(ancestor, all)>
  </#list>
  <#stop "${urlOf(doc)}: more than 10 levels of parent pages (do the parent headers go round in a circle?)">
</#function>

<#-- The site paths from the start page down to doc itself: ["/", "/hilfe-anfragen/", "/formulare/…/"]. -->
<#function trail doc>
  <#local urls = []>
  <#list ancestors(doc) as ancestor><#local urls = urls + [urlOf(ancestor)]></#list>
  <#return urls + [urlOf(doc)]>
</#function>

<#-- Breadcrumbs from the start page down to the current page (the last entry, marked aria-current).
     "doc" is the current document; "title" its label (a form page has no title header). Nothing on the start
     page and on pages with the header breadcrumbs=false (the 404 page, shown at any address). -->
<#macro breadcrumbs doc title>
  <#if urlOf(doc) == "/" || (doc.breadcrumbs!"") == "false"><#return></#if>
  <nav class="breadcrumbs" aria-label="Sie sind hier">
    <ol class="breadcrumbs__list">
      <#list ancestors(doc) as ancestor>
      <li class="breadcrumbs__item"><a href="${urlOf(ancestor)}">${ancestor.navTitle!ancestor.title}</a></li>
      </#list>
      <li class="breadcrumbs__item"><a href="${urlOf(doc)}" aria-current="page">${doc.navTitle!title}</a></li>
    </ol>
  </nav>
</#macro>

<#-- Contact cards for the ids in a comma-separated list (the list kontakte of data/county.yaml). -->
<#macro contacts ids heading level=2>
  <#local known = data.get('county.yaml').kontakte>
  <section class="contacts" aria-labelledby="kontakte-titel">
    <h${level} id="kontakte-titel">${heading}</h${level}>
    <#list ids?split(",") as rawId>
      <#local id = rawId?trim>
      <#local matches = known?filter(k -> k.id == id)>
      <#if matches?size != 1><#stop "no contact '${id}' in data/county.yaml"></#if>
      <@contactCard k=matches[0] level=level + 1/>
    </#list>
  </section>
</#macro>

<#macro contactCard k level>
  <div class="contact">
    <h${level} class="contact__name">${k.name}</h${level}>
    <#if k.zustaendig??><p class="contact__role">${k.zustaendig}</p></#if>
    <dl class="contact__facts">
      <#if k.hausanschrift??>
      <div><dt>Besuchsadresse</dt><dd><@lines k.hausanschrift/></dd></div>
      </#if>
      <#if k.postanschrift??>
      <div><dt>Postanschrift</dt><dd><@lines k.postanschrift/></dd></div>
      </#if>
      <#if k.telefon??>
      <div><dt>Telefon</dt><dd><#list k.telefon as number><@phone number/><#sep>, </#list></dd></div>
      </#if>
      <#if k.fax??>
      <div><dt>Fax</dt><dd>${k.fax}</dd></div>
      </#if>
      <#if k.email??>
      <div><dt>E-Mail</dt><dd><@email k.email/></dd></div>
      </#if>
      <#if k.sprechzeiten??>
      <div><dt>Erreichbar</dt><dd>${k.sprechzeiten}</dd></div>
      </#if>
    </dl>
    <#if k.hinweis??><p class="contact__note">${k.hinweis}</p></#if>
  </div>
</#macro>

<#-- Text the county still has to supply is a placeholder (see data/county.yaml): shown as it is, never as a link. -->
<#function isPlaceholder value>
  <#return value?starts_with("[Platzhalter")>
</#function>

<#macro lines values><#list values as line>${line}<#sep><br></#list></#macro>

<#-- A German phone number as a tel: link ("035971 84-151" -> tel:+493597184151). -->
<#macro phone number><#if isPlaceholder(number)>${number}<#else><a href="tel:+49${number?replace('[^0-9]', '', 'r')?remove_beginning('0')}">${number}</a></#if></#macro>

<#macro email address><#if isPlaceholder(address)>${address}<#else><a href="mailto:${address}">${address}</a></#if></#macro>

<#-- The box „Hilfe sofort“ with the national help numbers from data/hilfe.yaml, for the pages that address children,
     young people and parents. variant "leicht" is its wording in Leichte Sprache. -->
<#macro hilfe level=2 variant="standard">
  <#local h = data.get('hilfe.yaml')>
  <section class="hilfe" aria-labelledby="hilfe-titel">
    <h${level} id="hilfe-titel" class="hilfe__title">Hilfe sofort</h${level}>
    <#if variant == "leicht">
    <#list h.telefone as t>
    <p>${t.leicht}<br><a class="hilfe__nummer" href="tel:${t.tel}">${t.nummer}</a></p>
    </#list>
    <p>${h.notfall.leicht}</p>
    <#else>
    <ul class="hilfe__list">
      <#list h.telefone as t>
      <li><strong>${t.fuer}:</strong> ${t.name} <a class="hilfe__nummer" href="tel:${t.tel}">${t.nummer}</a></li>
      </#list>
    </ul>
    </#if>
    <p class="hilfe__notfall"><strong>${h.notfall.titel}:</strong> <#list h.notfall.nummern as n>${n.name} <a class="hilfe__nummer" href="tel:${n.tel}">${n.nummer}</a><#sep>, </#list></p>
  </section>
</#macro>

<#-- Buttons to the forms named in a comma-separated list of form ids (data/forms.yaml, from the definitions). -->
<#macro formLinks ids>
  <#local forms = data.get('forms.yaml').forms>
  <div class="form-links">
    <#list ids?split(",") as rawId>
      <#local id = rawId?trim>
      <#local matches = forms?filter(f -> f.id == id)>
      <#if matches?size != 1><#stop "no form '${id}' in data/forms.yaml"></#if>
      <p class="form-links__item"><a class="button" href="${matches[0].url}">${matches[0].title}</a></p>
    </#list>
  </div>
</#macro>
