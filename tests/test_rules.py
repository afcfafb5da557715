"""The rule modules on small text dumps: each marks its boilerplate with a reason naming the
rule, the cue phrase and the lexicon file it came from, and leaves alone a prose sentence
that merely mentions the same topic."""

from __future__ import annotations

import pytest

import declutter
from declutter import Kind, Options, Reason
from declutter.rules import legal, metadata, navigation, newsletter, promo, related

ARTICLE = {
    "it": (
        "Il consiglio comunale ha approvato ieri sera il nuovo piano per la mobilità urbana, "
        "che prevede nuove piste ciclabili, più corse degli autobus e una zona a traffico "
        "limitato nel centro storico della città.",
        "Secondo l'assessore ai trasporti, i lavori cominceranno in primavera e dureranno "
        "circa due anni, con un costo complessivo stimato in dodici milioni di euro, in gran "
        "parte coperti da fondi europei.",
    ),
    "en": (
        "The city council approved the new budget on Tuesday after a long debate about public "
        "transport, schools and the repair of the old harbour bridge, which has been closed "
        "to lorries since the spring.",
        "Members of the opposition said that the plan was too optimistic about tax income, "
        "but they agreed that the bridge could not wait another winter and voted for it.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen, der "
        "vor allem Geld für Schulen, den Nahverkehr und die Sanierung der alten Hafenbrücke "
        "vorsieht, die seit dem Frühjahr gesperrt ist.",
        "Die Opposition hielt die Einnahmen für zu optimistisch geschätzt, stimmte aber zu, "
        "dass die Brücke nicht noch einen Winter warten könne, und trug den Beschluss mit.",
    ),
    "fr": (
        "Le conseil municipal a adopté mardi soir le nouveau budget après un long débat sur "
        "les transports publics, les écoles et la réparation du vieux pont du port, fermé aux "
        "camions depuis le printemps.",
        "L'opposition a jugé les recettes fiscales trop optimistes, mais elle a reconnu que le "
        "pont ne pouvait pas attendre un hiver de plus et a voté le texte avec la majorité.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate sobre el "
        "transporte público, las escuelas y la reparación del viejo puente del puerto, cerrado "
        "a los camiones desde la primavera.",
        "La oposición consideró demasiado optimistas los ingresos previstos, pero admitió que "
        "el puente no podía esperar otro invierno y votó a favor junto con la mayoría.",
    ),
}
TITLE = {
    "it": "Approvato il nuovo piano per la mobilità urbana",
    "en": "Council approves budget for the harbour bridge",
    "de": "Stadtrat beschließt Haushalt für die Hafenbrücke",
    "fr": "Le conseil adopte le budget du pont du port",
    "es": "El ayuntamiento aprueba el presupuesto del puente",
}


def page(language: str, before: list[str] = (), after: list[str] = (),
         inside: list[str] = ()) -> declutter.Result:
    """A text dump: title, ``before`` blocks, the article (``inside`` between its two
    paragraphs), then ``after`` blocks."""
    first, second = ARTICLE[language]
    blocks = [TITLE[language], *before, first, *inside, second, first, *after]
    return declutter.clean(
        "\n\n".join(blocks) + "\n", options=Options(kind=Kind.TEXT, language=language)
    )


def block(result: declutter.Result, text: str) -> declutter.Block:
    matches = [b for b in result.blocks if b.text == text]
    assert matches, f"no block {text!r}"
    return matches[0]


def phrase(rule: str, cue: str, family: str, language: str) -> Reason:
    return Reason(rule, f"phrase '{cue}' ({family}/{language})")


def assert_marked(result: declutter.Result, text: str, reason: Reason) -> None:
    found = block(result, text)
    assert reason in found.marks, f"{text!r}: marks {found.marks}, expected {reason}"
    assert not found.kept


def assert_unmarked(result: declutter.Result, text: str) -> None:
    found = block(result, text)
    assert not found.marks, f"{text!r} should not be marked: {found.marks}"


# --- promo -------------------------------------------------------------------------------


def test_promo_marks_an_italian_donation_appeal_not_prose_about_donations() -> None:
    appeal = "Sostienici: fai una donazione per un'informazione libera"
    prose = "Chi vuole sostenere il progetto può fare una donazione al comitato di quartiere."
    result = page("it", inside=[prose], after=[appeal])
    assert_marked(result, appeal, phrase(promo.RULE, "sostienici", "promo", "it"))
    assert_unmarked(result, prose)
    assert block(result, prose).kept


def test_promo_marks_an_english_paywall_line_not_a_sentence_with_donate() -> None:
    paywall = "Already a subscriber? Log in to keep reading"
    prose = "The charity said it would donate the proceeds to local schools."
    result = page("en", inside=[prose], after=[paywall])
    assert_marked(result, paywall, phrase(promo.RULE, "already a subscriber", "promo", "en"))
    assert_unmarked(result, prose)


def test_promo_marks_an_english_donation_appeal_in_the_gerund() -> None:
    appeal = "If you enjoyed this post, would you consider supporting our work? Thanks!"
    result = page("en", after=[appeal])
    assert_marked(result, appeal, phrase(promo.RULE, "supporting our work", "promo", "en"))


def test_promo_marks_an_affiliate_link_disclosure() -> None:
    note = "Letzte Aktualisierung am 2.02.2022 / Affiliate Links / Bilder von Partnern"
    result = page("de", after=[note])
    assert_marked(result, note, phrase(promo.RULE, "affiliate links", "promo", "en"))


# --- related -----------------------------------------------------------------------------


def test_related_lead_in_heading_and_its_list() -> None:
    items = ["Nuove piste ciclabili in periferia", "Autobus elettrici dal prossimo anno"]
    result = page("it", after=["Leggi anche", *items])
    assert_marked(result, "Leggi anche", phrase(related.RULE, "leggi anche", "related", "it"))
    lead_in = block(result, "Leggi anche").index
    for item in items:
        assert_marked(
            result, item, Reason(related.RULE, f"item of the list after lead-in block {lead_in}")
        )


def test_related_french_lead_in_not_a_sentence_that_uses_the_words() -> None:
    link = "À lire aussi : Le pont du port fermé aux camions"
    prose = "Il faut lire aussi les petites lignes du contrat, a rappelé l'avocat."
    result = page("fr", inside=[prose], after=[link])
    assert_marked(result, link, phrase(related.RULE, "à lire aussi", "related", "fr"))
    assert_unmarked(result, prose)


def test_related_spanish_lead_in() -> None:
    link = "Lee también: Cierran el puente del puerto a los camiones"
    result = page("es", after=[link])
    assert_marked(result, link, phrase(related.RULE, "lee también", "related", "es"))


# --- newsletter --------------------------------------------------------------------------


def test_newsletter_italian_sign_up() -> None:
    line = "Iscriviti alla nostra newsletter per ricevere le notizie ogni mattina"
    prose = "La newsletter del ministero ha pubblicato ieri i dati sulla spesa."
    result = page("it", inside=[prose], after=[line])
    assert_marked(
        result, line,
        phrase(newsletter.RULE, "iscriviti alla nostra newsletter", "newsletter", "it"),
    )
    assert_unmarked(result, prose)


def test_newsletter_german_follow_us_not_prose_about_a_newsletter() -> None:
    line = "Folgen Sie uns auf Facebook und Instagram"
    prose = "Der Newsletter des Ministeriums meldete am Montag neue Zahlen."
    result = page("de", inside=[prose], after=[line])
    assert_marked(result, line, phrase(newsletter.RULE, "folgen sie uns", "newsletter", "de"))
    assert_unmarked(result, prose)


def test_newsletter_english_sign_up_verb_in_prose_is_not_a_cue() -> None:
    prose = "The company said it would sign up more drivers next year."
    line = "Sign up for our newsletter"
    result = page("en", inside=[prose], after=[line])
    assert_marked(
        result, line, phrase(newsletter.RULE, "sign up for our newsletter", "newsletter", "en")
    )
    assert_unmarked(result, prose)


def test_related_polish_read_also_and_german_more_topics() -> None:
    read_also = "Czytaj też: Starcie w porcie"
    more = "Mehr Themen:"
    result = page("en", after=[read_also, more])
    assert_marked(result, read_also, phrase(related.RULE, "czytaj też", "related", "pl"))
    assert_marked(result, more, phrase(related.RULE, "mehr themen", "related", "de"))


def test_newsletter_german_sign_up_heading() -> None:
    result = page("de", after=["Newsletteranmeldung"])
    cue = phrase(newsletter.RULE, "newsletteranmeldung", "newsletter", "de")
    assert_marked(result, "Newsletteranmeldung", cue)


def test_newsletter_german_do_not_miss_appeal() -> None:
    appeal = "Verpasse keine News zu Hardware & Gadgets"
    result = page("de", after=[appeal])
    assert_marked(result, appeal, phrase(newsletter.RULE, "verpasse keine", "newsletter", "de"))


# --- legal -------------------------------------------------------------------------------


def test_legal_italian_press_registration_and_rights() -> None:
    notice = "Testata registrata presso il Tribunale di Roma. Tutti i diritti riservati"
    prose = "Il garante ha multato la società per l'uso dei cookie senza consenso."
    result = page("it", inside=[prose], after=[notice])
    assert_marked(result, notice, phrase(legal.RULE, "testata registrata", "legal", "it"))
    assert_unmarked(result, prose)


def test_legal_english_copyright_line_not_a_sentence_about_copyright() -> None:
    notice = "Copyright 2024 Example News. All rights reserved."
    prose = "The court ruled that the photographs were protected by copyright."
    policy = "The site changed its privacy policy last year."
    result = page("en", inside=[prose, policy], after=[notice])
    assert_marked(result, notice, phrase(legal.RULE, "copyright", "legal", "en"))
    assert_unmarked(result, prose)
    assert_unmarked(result, policy)


def test_legal_german_imprint_and_french_cookie_notice() -> None:
    result = page("de", after=["Impressum", "Datenschutz"])
    assert_marked(result, "Impressum", phrase(legal.RULE, "impressum", "legal", "de"))
    assert_marked(result, "Datenschutz", phrase(legal.RULE, "datenschutz", "legal", "de"))
    cookies = "Ce site utilise des cookies pour améliorer votre expérience de navigation."
    result = page("fr", after=[cookies])
    assert_marked(result, cookies, phrase(legal.RULE, "ce site utilise des cookies", "legal", "fr"))


# --- navigation --------------------------------------------------------------------------


def test_navigation_menu_items_and_share_buttons() -> None:
    result = page("de", before=["Startseite", "Zum Inhalt springen"], after=["Teilen"])
    assert_marked(result, "Startseite", phrase(navigation.RULE, "startseite", "navigation", "de"))
    assert_marked(
        result, "Zum Inhalt springen",
        phrase(navigation.RULE, "zum inhalt springen", "navigation", "de"),
    )
    assert_marked(result, "Teilen", phrase(navigation.RULE, "teilen", "navigation", "de"))


def test_navigation_whole_block_cue_does_not_fire_inside_prose() -> None:
    prose = "Die Nachbarn teilen sich den Garten seit Jahren."
    result = page("de", inside=[prose])
    assert_unmarked(result, prose)
    result = page("es", before=["Iniciar sesión"], inside=["Hay que compartir la carretera."])
    assert_marked(
        result, "Iniciar sesión", phrase(navigation.RULE, "iniciar sesión", "navigation", "es")
    )
    assert_unmarked(result, "Hay que compartir la carretera.")


def test_navigation_item_bar() -> None:
    bar = "Home | Politica | Cronaca | Sport"
    result = page("it", before=[bar])
    marks = block(result, bar).marks
    assert any(m.rule == navigation.RULE and m.cue.startswith("item bar") for m in marks), marks


def test_navigation_account_menu_items() -> None:
    result = page("en", after=["Not logged in", "Create an account"])
    assert_marked(
        result, "Not logged in", phrase(navigation.RULE, "not logged in", "navigation", "en")
    )
    account = phrase(navigation.RULE, "create an account", "navigation", "en")
    assert_marked(result, "Create an account", account)


def test_navigation_links_marked_by_an_arrow_not_a_quotation_in_guillemets() -> None:
    older, more = "← Older post on the harbour bridge", "All London tours »"
    quote = "Les « boîtes noires »"
    result = page("en", after=[older, more, quote])
    arrow = Reason(navigation.RULE, "link to another page, marked by an arrow")
    assert_marked(result, older, arrow)
    assert_marked(result, more, arrow)
    assert not any(m.rule == navigation.RULE for m in block(result, quote).marks)


def test_navigation_a_read_on_link_of_arrows_alone() -> None:
    # "»»»" under each teaser of a list: a link with no words, only arrow signs.
    result = page("de", after=["Neue Brücke für den Hafen", "»»»", ">>"])
    arrow = Reason(navigation.RULE, "link to another page, marked by an arrow")
    assert_marked(result, "»»»", arrow)
    assert_marked(result, ">>", arrow)


# --- comments ------------------------------------------------------------------------------


def test_comments_the_comment_form_under_a_post() -> None:
    form_en = "Your email address will not be published. Required fields are marked *"
    form_de = "Schreibe einen Kommentar Antworten abbrechen"
    prose = "The council said the new form will be published next week."
    result = page("en", inside=[prose], after=[form_en, form_de])
    assert_marked(
        result, form_en,
        phrase("comments", "your email address will not be published", "comments", "en"),
    )
    assert_marked(result, form_de, phrase("comments", "schreibe einen kommentar", "comments", "de"))
    assert_unmarked(result, prose)


def test_comments_heading_with_a_count_in_brackets() -> None:
    result = page("en", after=["Comments (10580)"])
    assert_marked(result, "Comments (10580)", phrase("comments", "comments", "comments", "en"))


def test_german_consent_placeholder_read_also_and_feedback_lines() -> None:
    placeholder, read = "Externer Inhalt", "Schon gelesen?"
    feedback = "Gefällt Ihnen dieser Artikel?"
    result = page("de", after=[placeholder, read, feedback])
    assert_marked(result, placeholder, phrase(legal.RULE, "externer inhalt", "legal", "de"))
    assert_marked(result, read, phrase(related.RULE, "schon gelesen", "related", "de"))
    cue = phrase(navigation.RULE, "gefällt ihnen dieser artikel", "navigation", "de")
    assert_marked(result, feedback, cue)


# --- metadata: bylines, counters, dates, captions ----------------------------------------


def test_metadata_byline_and_timestamp() -> None:
    byline = "Pubblicato il 2 aprile 2022 alle 10:30"
    prose = "Pubblicare i dati era un obbligo previsto dalla legge regionale."
    result = page("it", before=[byline], inside=[prose])
    assert_marked(result, byline, phrase(metadata.RULE, "pubblicato il", "metadata", "it"))
    assert_unmarked(result, prose)
    stamp = "Mis à jour le 5 mars 2024"
    result = page("fr", before=[stamp])
    assert_marked(result, stamp, phrase(metadata.RULE, "mis à jour le", "metadata", "fr"))


@pytest.mark.parametrize(
    ("language", "line"),
    [("en", "By Maria Lopez, Transport correspondent"), ("de", "Von Hanna Berger"),
     ("fr", "Par Claire Martin | 3 mars 2024"), ("es", "Por Ana García y Luis Pérez"),
     ("it", "di Marco Rossi")],
)
def test_metadata_byline_word_before_names(language: str, line: str) -> None:
    result = page(language, inside=[line])
    assert Reason(metadata.RULE, metadata.BYLINE_CUE) in block(result, line).marks


@pytest.mark.parametrize(
    ("language", "line"),
    [("en", "By the end of the year the bridge will reopen"),  # no name after "By"
     ("en", "By Monday, the council had voted for the plan."),  # a sentence
     ("de", "Von Berlin nach Hamburg"),  # a heading: a lower-case word after the name
     ("it", "Di Maio ha detto")],
)
def test_metadata_byline_leaves_phrases_that_only_start_alike(language: str, line: str) -> None:
    result = page(language, inside=[line])
    assert Reason(metadata.RULE, metadata.BYLINE_CUE) not in block(result, line).marks


@pytest.mark.parametrize(
    ("language", "counter"),
    [("it", "1.513 visualizzazioni"), ("en", "5 min read"), ("de", "4 Minuten Lesezeit"),
     ("en", "12 photos"),
     ("es", "230 visitas"), ("fr", "12 commentaires")],
)
def test_metadata_counters(language: str, counter: str) -> None:
    result = page(language, before=[counter])
    marks = block(result, counter).marks
    assert Reason(metadata.RULE, "counter: a number alone or with a unit") in marks, marks


def test_metadata_dates_by_month_name() -> None:
    for language, date in (("it", "2 aprile 2022"), ("de", "5. März 2024"),
                           ("en", "Jan. 5, 2013"), ("es", "12 septiembre 2021")):
        result = page(language, before=[date])
        marks = block(result, date).marks
        assert any(m.rule == metadata.RULE for m in marks), (date, marks)
    # A short line with a word that looks like an abbreviation is not a date.
    line = "Leg press: 1 set of 10 reps"
    result = page("en", inside=[line])
    assert not any("date" in m.cue for m in block(result, line).marks)


def test_metadata_captions() -> None:
    caption = "Foto di Mario Rossi, il ponte chiuso ai camion"
    prose = "La foto è stata scattata durante la manifestazione di sabato."
    result = page("it", inside=[caption, prose])
    assert_marked(result, caption, phrase("caption", "foto di", "caption", "it"))
    assert_unmarked(result, prose)
    credit = "The bridge seen from the harbour. Getty Images"
    result = page("en", inside=[credit])
    assert_marked(result, credit, phrase("caption", "getty images", "caption", "en"))


# --- the region's closing source line ----------------------------------------------------


def test_source_line_after_the_article_is_kept() -> None:
    result = page("it", after=["(Fonte: ANSA)"])
    assert block(result, "(Fonte: ANSA)").kept
    other = page("it", after=["(Video in basso)"])
    found = block(other, "(Video in basso)")
    assert not found.kept and found.reason == Reason("region", "after the article region")


@pytest.mark.parametrize(
    ("line", "cue", "language"),
    [("(Fonte: ANSA)", "fonte:", "it"), ("Source: Reuters", "source:", "en"),
     ("Quelle: dpa", "quelle:", "de"), ("Fuente: EFE", "fuente:", "es"),
     ("Avec AFP", "avec afp", "fr"), ("(dpa/lno)", "(dpa", "de")],
)
def test_source_lexicon_finds_credit_lead_ins(line: str, cue: str, language: str) -> None:
    found = declutter.lexicons.load("source").find(line)
    assert found is not None and (found.phrase, found.language) == (cue, language)


def test_source_lexicon_ignores_prose_about_sources() -> None:
    lexicon = declutter.lexicons.load("source")
    for line in ("Secondo fonti vicine al governo, l'accordo è vicino.",
                 "Sources close to the talks said a deal was near.",
                 "Die Quelle des Flusses liegt in den Alpen."):
        assert lexicon.find(line) is None, line


def test_unbracketed_source_line_after_the_article_is_kept() -> None:
    result = page("de", after=["Quelle: dpa"])
    kept = block(result, "Quelle: dpa")
    assert kept.kept
    assert kept.reason.rule == "source" and "'quelle:' (source/de)" in kept.reason.cue


# --- page feedback, paywall, donation and tag-row lines after the article -----------------


@pytest.mark.parametrize(
    ("language", "line", "rule", "family", "cue"),
    [
        ("de", "War dieser Artikel hilfreich?", "promo", "promo", "war dieser artikel hilfreich"),
        ("de", "Wie bewerten Sie diesen Artikel?", "navigation", "navigation",
         "wie bewerten sie diesen artikel"),
        ("de", "Themen: Haushalt, Verkehr", "navigation", "navigation", "themen:"),
        ("en", "Was this article helpful?", "promo", "promo", "was this article helpful"),
        ("es", "Temas", "navigation", "navigation", "temas"),
        ("de", "Keine Kommentare vorhanden", "comments", "comments", "keine kommentare"),
        ("en", "We want to hear what you think. Write to the editors.", "comments",
         "comments", "we want to hear what you think"),
        ("de", "Jede Spende hilft uns weiter!", "promo", "promo", "jede spende hilft"),
        ("fr", "Pour lire la suite, abonnez-vous", "promo", "promo", "pour lire la suite"),
        ("de", "Top Themen heute", related.RULE, "related", "top themen"),
        ("en", "Explore further", related.RULE, "related", "explore further"),
        ("de", "Lesedauer: 4 Minuten", "metadata", "metadata", "lesedauer"),
        ("de", "Alle Angaben ohne Gewähr.", "legal", "legal", "alle angaben ohne gewähr"),
        ("de", "Die wichtigsten Nachrichten direkt in Ihr Postfach.", "newsletter",
         "newsletter", "direkt in ihr postfach"),
        ("fr", "Crédits photos : Agence", "caption", "caption", "crédits photos"),
        ("de", "Wenn Ihnen unser Artikel gefallen hat, helfen Sie uns.", "promo", "promo",
         "wenn ihnen unser artikel gefallen hat"),
        ("de", "Weitere Informationen", related.RULE, "related", "weitere informationen"),
        ("es", "MIRA: otra noticia del día", related.RULE, "related", "mira:"),
        ("de", "[Alle aktuellen Entwicklungen finden Sie in unserem Newsblog.]", related.RULE,
         "related", "in unserem newsblog"),
        ("de", "Alle Updates des Tages am Morgen. Zur Anmeldung geht es hier.",
         "newsletter", "newsletter", "zur anmeldung geht es hier"),
        ("en", "Get our stories straight to your phone with the free app.", "promo", "promo",
         "straight to your phone"),
        ("en", "Download our apps for iOS and Android.", "promo", "promo",
         "apps for ios and android"),
        ("de", "Alle Tests der Woche gratis per Newsletter.", "newsletter", "newsletter",
         "gratis per newsletter"),
        ("en", "Topics: budget, bridges", "navigation", "navigation", "topics:"),
        ("en", "Be the first to like this.", "navigation", "navigation",
         "be the first to like this"),
        ("en", "Trackback URL for this post:", "comments", "comments", "trackback url"),
        ("en", "Name (required)", "comments", "comments", "name (required)"),
        ("en", "Most popular stories this week", related.RULE, "related",
         "most popular stories"),
        ("en", "A version of this article appeared on page A2 of the print edition.",
         "legal", "legal", "a version of this article appeared"),
        ("en", "This work is licensed under a Creative Commons licence.", "legal", "legal",
         "is licensed under a creative commons"),
        ("en", "Free recipes delivered straight to your inbox!", "newsletter", "newsletter",
         "straight to your inbox"),
        ("en", "Want a picture next to your comment? Get a Gravatar!", "comments", "comments",
         "get a gravatar"),
        ("en", "Earlier stories", related.RULE, "related", "earlier stories"),
        ("de", "Anna Berg sagt:", "comments", "comments", "sagt:"),
        ("de", "Antworten", "comments", "comments", "antworten"),
        ("fr", "Répondre", "comments", "comments", "répondre"),
        ("es", "Responder", "comments", "comments", "responder"),
        ("it", "Rispondi", "comments", "comments", "rispondi"),
        ("de", "Unsere Lesetipps", related.RULE, "related", "unsere lesetipps"),
        ("de", "Lesen Sie diesen Artikel: Der Haushalt steht weiterlesen", related.RULE,
         "related", "lesen sie diesen artikel"),
        ("de", "Über den Autor/ die Autorin", "author_box", "author", "über den autor"),
        ("de", "Wer die Äste auf die Wege zieht, ist unklar (Symbolbild).", "caption",
         "caption", "symbolbild"),
        ("en", "The harbour bridge at dawn, Anna Berg/Unsplash", "caption", "caption",
         "unsplash"),
        ("de", "Tipps und Angebote für dein Tier per E-Mail", "newsletter", "newsletter",
         "per e-mail"),
        ("de", "Einfach hier klicken und für die digitale Ausgabe registrieren!", "promo",
         "promo", "einfach hier klicken"),
        ("de", "Buch bestellen", "promo", "promo", "buch bestellen"),
    ],
)
def test_after_article_widget_lines(
    language: str, line: str, rule: str, family: str, cue: str
) -> None:
    result = page(language, after=[line])
    assert_marked(result, line, phrase(rule, cue, family, language))


def test_widget_lead_ins_do_not_fire_inside_prose() -> None:
    prose = "Der Verein sagt, jede Spende hilft, und die Themen: Schule und Verkehr."
    result = page("de", inside=[prose])
    assert_unmarked(result, prose)


def test_polish_reading_time_is_a_counter() -> None:
    result = page("en", before=["11 minut czytania"])
    marks = block(result, "11 minut czytania").marks
    assert Reason(metadata.RULE, "counter: a number alone or with a unit") in marks, marks
# --- feedback prompts, appeals, sign-up promises, disclaimers, inline teasers -----------


def test_promo_marks_a_german_feedback_prompt_and_a_donation_line_not_prose() -> None:
    feedback = "War dieser Artikel hilfreich?"
    appeal = "Jede kleine Spende hilft den Menschen vor Ort!"
    prose = "Der Verein hat im vergangenen Jahr jede Spende für den Bau der Schule verwendet."
    result = page("de", inside=[prose], after=[feedback, appeal])
    cue = phrase(promo.RULE, "war dieser artikel hilfreich", "promo", "de")
    assert_marked(result, feedback, cue)
    assert_marked(result, appeal, phrase(promo.RULE, "jede kleine spende", "promo", "de"))
    assert_unmarked(result, prose)


def test_promo_marks_an_ad_blocker_appeal() -> None:
    appeal = "If you're running an ad blocker, please consider whitelisting this site."
    result = page("en", after=[appeal])
    assert_marked(result, appeal, phrase(promo.RULE, "running an ad blocker", "promo", "en"))


def test_newsletter_marks_inbox_promises_and_follow_by_email_widgets() -> None:
    promise = "Get the week's best stories delivered to your inbox every Friday."
    widget = "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen."
    result = page("en", after=[promise, widget])
    cue = phrase(newsletter.RULE, "delivered to your inbox", "newsletter", "en")
    assert_marked(result, promise, cue)
    assert_marked(
        result, widget, phrase(newsletter.RULE, "deine e-mail-adresse ein", "newsletter", "de")
    )


def test_legal_marks_an_opinion_disclaimer_and_a_no_warranty_note() -> None:
    note = "Les opinions exprimées dans ce blog n'engagent que leurs auteurs."
    warranty = "(Alle Angaben ohne Gewähr)"
    result = page("fr", after=[note, warranty])
    assert_marked(result, note, phrase(legal.RULE, "n'engagent que leurs auteurs", "legal", "fr"))
    assert_marked(result, warranty, phrase(legal.RULE, "alle angaben ohne gewähr", "legal", "de"))


def test_related_inline_read_more_link_inside_the_article_goes_and_the_article_stays() -> None:
    link = "Lea más: Cierran el puente del puerto a los camiones"
    result = page("es", inside=[link])
    assert_marked(result, link, phrase(related.RULE, "lea más", "related", "es"))
    assert all(block(result, text).kept for text in ARTICLE["es"])


def test_related_polish_learn_more_link() -> None:
    link = "Dowiedz się więcej: Starcie w porcie"
    result = page("en", after=[link])
    assert_marked(result, link, phrase(related.RULE, "dowiedz się więcej", "related", "pl"))


def test_metadata_reading_time_line() -> None:
    result = page("en", before=["5 min read"])
    assert_marked(result, "5 min read", phrase(metadata.RULE, "min read", "metadata", "en"))


def test_related_marks_two_dated_cards_of_a_news_list_not_a_dated_article() -> None:
    cards = [
        "12.11.2021",
        "Neue Fähre für den Hafen",
        "Die Stadt hat eine zweite Fähre bestellt, die ab dem Sommer fahren soll.",
        "09.11.2021",
        "Brücke bleibt bis Mai gesperrt",
        "Die Arbeiten an der alten Brücke dauern länger als geplant, sagt das Bauamt.",
    ]
    result = page("de", after=cards)
    reason = Reason(related.RULE, "news list: 2 dated headline + summary cards in a row")
    for text in cards[1:3] + cards[4:]:
        assert_marked(result, text, reason)
    assert reason not in block(result, "12.11.2021").marks  # the dateline keeps its own
    single = page("de", before=cards[:3])  # one dated card above the article: no list
    assert_unmarked(single, cards[1])


def test_author_box_heading_name_and_bio_go_prose_mentioning_the_author_stays() -> None:
    from declutter.rules import author

    name = "Anna Berg"
    bio = "Anna Berg schreibt seit 2015 über Stadtpolitik und leitet das Lokalressort."
    prose = "Der Autor des Gutachtens, ein Ingenieur aus Kiel, hält die Brücke für sicher."
    result = page("de", inside=[prose], after=["Über den Autor", name, bio])
    heading = block(result, "Über den Autor")
    assert_marked(result, "Über den Autor", phrase(author.RULE, "über den autor", "author", "de"))
    box = Reason(author.RULE, f"author's box under heading block {heading.index}")
    assert_marked(result, name, box)
    assert_marked(result, bio, box)
    assert_unmarked(result, prose)


def test_blog_comment_heading_consent_line_and_post_footer_are_marked() -> None:
    heading = "11 Antworten zu „Der Hafen im Winter“"
    consent = "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden."
    footer = "Dieser Eintrag wurde veröffentlicht in Allgemein von anna."
    prose = "Die Antworten zu den Fragen der Opposition stehen noch aus, sagte der Sprecher."
    result = page("de", inside=[prose], after=[footer, consent, heading])
    assert_marked(result, heading, phrase("comments", "antworten zu", "comments", "de"))
    assert_marked(result, consent, phrase(legal.RULE, "ich bin damit einverstanden", "legal", "de"))
    cue = phrase(metadata.RULE, "dieser eintrag wurde veröffentlicht", "metadata", "de")
    assert_marked(result, footer, cue)
    assert_unmarked(result, prose)


def test_pager_app_promo_feedback_and_most_read_lines_are_marked() -> None:
    pager = "Older Post"
    app = "Get the latest news straight to your phone with our app."
    feedback = "Wenn Sie Anmerkungen zu diesem Artikel haben, schreiben Sie der Redaktion."
    most_read = "Meist gelesen"
    result = page("en", after=[pager, app, feedback, most_read])
    assert_marked(result, pager, phrase(navigation.RULE, "older post", "navigation", "en"))
    app_cue = phrase(promo.RULE, "straight to your phone", "promo", "en")
    assert_marked(result, app, app_cue)
    cue = phrase(promo.RULE, "anmerkungen zu diesem artikel", "promo", "de")
    assert_marked(result, feedback, cue)
    assert_marked(result, most_read, phrase(related.RULE, "meist gelesen", "related", "de"))


def test_pingbacks_licence_notes_login_prompts_and_order_buttons_are_marked() -> None:
    pingback = "Pingback von Hafenblog – Lesezeichen | 11.09.2011 23:31"
    licence = "Die Inhalte dieser Website stehen unter einer Creative Commons-Lizenz."
    login = "Schon registriert? Hier einloggen"
    order = "Jetzt bestellen"
    more = "Hier finden Sie weitere Beiträge zu diesem Thema"
    result = page("de", after=[order, more, licence, login, pingback])
    assert_marked(result, pingback, phrase("comments", "pingback", "comments", "de"))
    cue = phrase(legal.RULE, "unter einer creative commons", "legal", "de")
    assert_marked(result, licence, cue)
    assert_marked(result, login, phrase(navigation.RULE, "schon registriert", "navigation", "de"))
    assert_marked(result, order, phrase(promo.RULE, "jetzt bestellen", "promo", "de"))
    cue = phrase(related.RULE, "weitere beiträge zu diesem", "related", "de")
    assert_marked(result, more, cue)


def test_a_finnish_photo_credit_is_a_caption_cue() -> None:
    credit = "Kuva: Anna Berg"
    result = page("en", inside=[credit])
    assert phrase("caption", "kuva:", "caption", "fi") in block(result, credit).marks


def test_wordpress_share_and_like_bars_are_marked() -> None:
    share = "Teilen Sie dies mit:"
    likes = "3 Bloggern gefällt das."
    result = page("de", after=[share, likes])
    for text, cue in ((share, "teilen sie dies mit"), (likes, "bloggern gefällt das")):
        assert_marked(result, text, phrase(navigation.RULE, cue, "navigation", "de"))


def test_cookie_notice_and_post_footer_sentences_are_marked() -> None:
    cookies = "Cookies erleichtern die Bereitstellung unserer Dienste."
    footer = "Der Beitrag wurde am Mittwoch, 12. Februar 2020 um 10:12 veröffentlicht."
    result = page("de", after=[cookies, footer])
    cue = phrase(legal.RULE, "cookies erleichtern die bereitstellung", "legal", "de")
    assert_marked(result, cookies, cue)
    assert_marked(result, footer, phrase(metadata.RULE, "der beitrag wurde am", "metadata", "de"))


def test_the_lines_of_a_consent_dialog_are_legal_notices() -> None:
    basis = "Rechtsgrundlage für die Datenverarbeitung: freiwillige, widerrufbare Einwilligung"
    storage = "Speicherdauer: Daten auf Ihrem Endgerät bis zu zwei Jahre."
    prose = "Die Speicherdauer der Akkus hat sich fast verdoppelt, sagt der Hersteller."
    result = page("de", inside=[prose], after=[basis, storage])
    cue = phrase(legal.RULE, "rechtsgrundlage für die datenverarbeitung", "legal", "de")
    assert_marked(result, basis, cue)
    assert_marked(result, storage, phrase(legal.RULE, "speicherdauer:", "legal", "de"))
    assert_unmarked(result, prose)


def test_related_section_under_a_lead_in_heading_goes_whole_on_an_html_page() -> None:
    first, second = ARTICLE["en"]
    cards = "".join(
        f'<li><h3><a href="/s{n}">Story {n} of the day</a></h3><p>{first}</p>'
        f"<div>News Agency</div></li>"
        for n in range(3)
    )
    html = (
        f"<html><head><title>{TITLE['en']}</title></head><body><h1>{TITLE['en']}</h1>"
        f"<div class='story'><p>{first}</p><p>{second}</p>"
        "<p><a href='/more'>Read more</a></p></div>"
        f"<div><div><h2>Recommended for you</h2></div><ul>{cards}</ul></div></body></html>"
    )
    result = declutter.clean(html, options=Options(kind=Kind.HTML, language="en"))
    lead_in = block(result, "Recommended for you").index
    reason = Reason(related.RULE, f"inside the section headed by lead-in block {lead_in}")
    assert_marked(result, "News Agency", reason)
    summaries = [b for b in result.blocks if b.text == first]
    assert summaries[0].kept  # the article's own paragraph
    assert all(reason in b.marks and not b.kept for b in summaries[1:])
    # "Read more" is no heading element: it heads no section.
    assert not any("headed by lead-in" in r.cue for b in result.blocks for r in b.marks
                   if b.text == second)
