"""A small fixture corpus (test data, not real events) covering every kind of link and index."""

METHODS = {
    "methods/gruppenarbeit.md": """
        ---
        title: Gruppenarbeit (Testmethode)
        instruments: [dialogue-event, network-meeting]
        summary: Testdaten. Kleine Gruppen vertiefen ein Thema.
        related: [besichtigung]
        ---
        ## Ablauf

        Testtext der Methode.
        """,
    "methods/besichtigung.md": """
        ---
        title: Besichtigung (Testmethode)
        instruments: [dialogue-event]
        summary: Testdaten. Ein Ortstermin.
        duration: 2 Stunden
        ---
        Testtext.
        """,
    "methods/ungenutzt.md": """
        ---
        title: Ungenutzte Methode (Testmethode)
        instruments: [expert-secondment]
        summary: Testdaten. Von keinem Fall genutzt.
        ---
        Testtext.
        """,
}

CASES = {
    # A chain: dialogue (2017) -> workshop (2018) -> secondment (2019)
    "cases/2017-06-01-testdialog.md": """
        ---
        title: Testdialog Mobilität (Beispiel)
        date: 2017-06-01
        end_date: 2017-06-03
        instrument: dialogue-event
        sectors: [mobility, urban-development]
        location: {city: Teststadt, country: DE}
        methods: [gruppenarbeit, besichtigung]
        participants: {Verwaltung: 10, Unternehmen: 5}
        recommendations:
          - {theme: prerequisites, text: Früh planen., instruments: [dialogue-event]}
          - {theme: instruments-and-methods, text: Gute Praktiken vorab einsammeln., instruments: [dialogue-event]}
          - {theme: impacts, text: Wissen fließt in beide Richtungen., id: beide-richtungen}
          - {theme: impacts, text: Radwege allein reichen nicht., sectors: [mobility],
             source: https://example.org/testdialog-bericht}
        source: https://example.org/testdialog
        ---
        Testbericht mit dem Wort Zaunkönigsfeder.

        Quellen: https://example.org/testdialog-bericht
        """,
    "cases/2018-03-01-testworkshop.md": """
        ---
        title: Testworkshop Radverkehr (Beispiel)
        date: 2018-03-01
        instrument: local-project-workshop
        sectors: [mobility]
        location: {city: Beispielstadt, country: MK}
        methods: [gruppenarbeit]
        follows: [2017-06-01-testdialog]
        recommendations:
          - {theme: prerequisites, text: "  früh   PLANEN!  "}
          - {theme: instruments-and-methods, text: Vor Ort mit allen Ämtern arbeiten.,
             instruments: [local-project-workshop]}
        ---
        Testbericht.
        """,
    "cases/2019-05-01-testentsendung.md": """
        ---
        title: Testentsendung (Beispiel)
        date: 2019-05-01
        instrument: expert-secondment
        sectors: [mobility]
        location: {city: Beispielstadt, country: MK}
        participating_countries: [UA, DE]
        follows: [2018-03-01-testworkshop]
        recommendations:
          - {theme: impacts, text: "Anders formuliert, gleiche ID.", id: beide-richtungen,
             instruments: [expert-secondment]}
          - {theme: prerequisites, text: Früh planen}
        ---
        Testbericht.
        """,
    "cases/2020-02-01-testabfall.md": """
        ---
        title: Testtreffen Abfall (Beispiel)
        date: 2020-02-01
        instrument: network-meeting
        sectors: [waste-management]
        location: {online: true}
        participating_countries: [UA, EG]
        ---
        Testbericht.
        """,
}

ALL = {**METHODS, **CASES}
