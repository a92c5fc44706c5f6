"""Plezi: an inbound marketing plan for a B2B software company, reviewed on 30/09/2027.

Seed 001 (Plezi, «plan d’action marketing»): the chat plug-in on the site, due in
January and given to the traffic manager Benoît, to move the site conversion rate from
4 % to 5 % (with its KPIs: site conversion, chat conversations, web leads); six webinars
in the year; +50 % organic traffic through SEO; premium content published twice as
often; the «dirigeant» persona added to the plan; the predictable-revenue funnel that
turns the revenue target into 30 new clients, then SQL, MQL, leads and visitors; the
keep / stop / start workshop on last year’s levers. Every figure beyond those is invented
and consistent: the site converts 4 % of 60 000 visits (2 400 leads) in 2026; the funnel
asks for 4 000 leads, i.e. 80 000 visits at 5 %.
"""

import datetime as dt

D = dt.date
ADELE, BENOIT, LEA = "Adèle Marchand", "Benoît Garnier", "Léa Fontaine"
JULIE, MAXIME = "Julie Bernard", "Maxime Durand"
END = D(2027, 12, 31)
PME = "Responsables marketing de PME B2B"
BOSS = "Dirigeants de PME B2B"
WEBINAR = "Webinar"

SAMPLE = {
    "created": dt.datetime(2026, 12, 18, 9, 0),
    "options": {
        "year": 2027, "first_month": 1, "company": "Plezi (exemple)", "author": ADELE,
        "team": [
            (ADELE, "Responsable marketing"),
            (BENOIT, "Traffic manager"),
            (LEA, "Content manager"),
            (JULIE, "Chargée de marketing"),
            (MAXIME, "Commercial"),
        ],
    },
    "lists": {"roles": ["Traffic manager", "Content manager", "Chargée de marketing"]},
    "params": {"review_date": D(2027, 9, 30), "tolerance": 0.1},
    "methods": {"renewal_rate": 0.1, "envelope_rate": 0.15},
    "vision": (
        "Être en 2032 la solution de marketing automation préférée des PME B2B françaises, "
        "avec un marketing piloté par ses taux de conversion, du visiteur au client."
    ),
    # -- Diagnostic: the keep / stop / start workshop on 2026 -----------------------------------
    "review": [
        {"action": "Études de cas clients", "channel": "Contenus", "cost": 6000,
         "result": "8 études, 140 leads, citées dans 30 % des ventes", "verdict": "À poursuivre",
         "why": "Le contenu qui rassure le plus en fin de cycle."},
        {"action": "Livres blancs", "channel": "Contenus", "cost": 15000,
         "result": "6 livres blancs, 320 leads", "verdict": "À poursuivre",
         "why": "Premier levier de leads après le SEO ; publier deux fois plus souvent."},
        {"action": "Google Ads : annonces génériques", "channel": "SEA / SEM", "cost": 24000,
         "result": "430 leads, 14 SQL", "verdict": "À ajuster",
         "why": "Décevant, mais le levier n’est peut-être pas en cause : revoir la formulation "
                "des annonces avant de l’arrêter."},
        {"action": "Salon e-Marketing Paris", "channel": "Salons et évènements",
         "cost": 15000, "result": "210 contacts, 2 clients", "verdict": "À arrêter",
         "why": "7 500 € par client ; nos personas viennent plutôt aux webinars."},
        {"action": "Webinars", "channel": "Webinars", "result": "Jamais testés",
         "verdict": "À commencer",
         "why": "Format attendu par nos personas ; complète les études de cas."},
        {"action": "Chat sur le site", "channel": "Site web", "result": "Jamais testé",
         "verdict": "À commencer",
         "why": "Retenir les visiteurs prêts à parler à un conseiller : levier de la "
                "conversion du site."},
    ],
    "swot": {
        "strengths": [
            "Contenus reconnus (études de cas, livres blancs)",
            "Outil simple, pensé pour les PME B2B",
            "Trafic organique en croissance",
        ],
        "weaknesses": [
            "Site qui ne convertit que 4 % des visites",
            "Trafic concentré sur quelques articles",
            "Aucun contenu pour les dirigeants",
        ],
        "opportunities": [
            "Dirigeants de PME peu adressés par les concurrents",
            "Webinars plébiscités en B2B",
            "PME qui s’équipent en marketing automation",
        ],
        "threats": [
            "Concurrents internationaux aux budgets publicitaires élevés",
            "Hausse du coût par clic",
            "Algorithmes des moteurs de recherche changeants",
        ],
    },
    "key_dates": [
        {"date": D(2027, 1, 25), "event": "Mise en ligne du chat",
         "comment": "Échéance de janvier fixée dans le plan."},
        {"date": D(2027, 2, 11), "event": "Premier des six webinars",
         "comment": "Puis un webinar tous les deux mois environ."},
        {"date": D(2027, 6, 30), "event": "Bilan semestriel",
         "comment": "Revue des objectifs et du budget avec la direction."},
        {"date": D(2027, 9, 1), "event": "Rentrée",
         "comment": "Pic de trafic : contenus premium et webinar n°5."},
        {"date": D(2027, 11, 18), "event": "Webinar n°6 : bilan et plan 2028",
         "comment": "Lance les ventes de fin d’année."},
    ],
    # -- Objectifs ----------------------------------------------------------------------------
    "strategic": [
        {"objective": "Augmenter la génération de leads pour soutenir la croissance",
         "horizon": END},
        {"objective": "Porter le chiffre d’affaires à 3,1 M€ (+19 %) avec 30 nouveaux clients",
         "horizon": END},
        {"objective": "Devenir la référence de l’inbound marketing auprès des dirigeants de PME",
         "horizon": D(2028, 12, 31)},
    ],
    "smart": [
        {"objective": "Passer le taux de conversion du site de 4 % à 5 %", "strategic_id": "S1",
         "category": "Conversion", "segment": "Visiteurs du site",
         "indicator": "Taux de conversion du site (leads web ÷ visites)", "unit": "%",
         "n1": 0.04, "target": 0.05, "deadline": END, "owner": BENOIT, "result": 0.047,
         "comment": "2 538 leads pour 54 000 visites de janvier à septembre ; 5,1 % en "
                    "septembre."},
        {"objective": "Augmenter de 50 % le trafic organique du site", "strategic_id": "S1",
         "category": "Notoriété", "segment": PME,
         "indicator": "Visites issues de la recherche naturelle", "unit": "nombre",
         "n1": 38400, "target": 57600, "deadline": END, "owner": BENOIT, "result": 37800,
         "comment": "+38 % sur janvier–septembre par rapport à la même période de 2026."},
        {"objective": "Signer 30 nouveaux clients", "strategic_id": "S2", "category": "Vente",
         "segment": PME, "indicator": "Nouveaux clients", "unit": "nombre", "n1": 22,
         "target": 30, "deadline": END, "owner": MAXIME, "result": 21},
        {"objective": "Générer 4 000 leads, comme le demande l’entonnoir", "strategic_id": "S1",
         "category": "Prospection", "segment": PME, "indicator": "Leads", "unit": "nombre",
         "n1": 2400, "target": 4000, "deadline": END, "owner": ADELE, "result": 2538},
        {"objective": "Doubler la fréquence de publication des contenus premium",
         "strategic_id": "S1", "category": "Conversion", "segment": PME,
         "indicator": "Contenus premium publiés", "unit": "nombre", "n1": 6, "target": 12,
         "deadline": END, "owner": LEA, "result": 8},
        {"objective": "Faire passer 30 % des MQL en SQL", "strategic_id": "S2",
         "category": "Conversion", "segment": PME, "indicator": "Taux MQL → SQL",
         "unit": "%", "n1": 0.28, "target": 0.3, "deadline": END, "owner": ADELE,
         "result": 0.297, "comment": "86 SQL pour 290 MQL."},
        {"objective": "Intégrer le persona « dirigeant » à nos contenus et nos campagnes",
         "strategic_id": "S3", "type": "Qualitatif", "category": "Image", "segment": BOSS,
         "indicator": "Persona validé et contenus dédiés publiés", "deadline": D(2027, 6, 30),
         "owner": ADELE, "qual_status": "Atteint",
         "comment": "Persona validé en mars après 18 entretiens ; 9 contenus et une campagne "
                    "LinkedIn dédiés."},
    ],
    # -- Plan d’actions -----------------------------------------------------------------------
    "actions": [
        {"action": "Installer un plug-in de chat sur le site",
         "phases": "Choix de l’outil ; scénarios par page ; formation des commerciaux ; mise en "
                   "ligne le 25/01",
         "family": "Supports de vente", "objective_id": "O1", "category": "Conversion",
         "lever": "Savoir vendre", "target_segment": "Visiteurs du site", "channel": "Site web",
         "priority": "Haute", "owner": BENOIT, "budget": 2400, "spent": 1800,
         "start": D(2027, 1, 4), "end": D(2027, 1, 29),
         "indicator": "Taux de conversion du site", "unit": "%", "target": 0.05,
         "result": 0.047, "progress": "Terminée",
         "analysis": "1 260 conversations et 212 leads au 30/09. Conversion du site de 4,0 % à "
                     "4,7 % en cumul, 5,1 % en septembre.",
         "decision": "À poursuivre"},
        {"action": "Produire six webinars dans l’année",
         "phases": "Thèmes et intervenants ; invitations ; animation ; replay et relances",
         "family": "Évènementiel", "objective_id": "O4", "category": "Prospection",
         "lever": "Savoir-faire", "target_segment": PME, "channel": "Webinars",
         "priority": "Haute", "owner": JULIE, "budget": 9000, "spent": 7500,
         "start": D(2027, 1, 15), "end": D(2027, 11, 30), "indicator": "Webinars réalisés",
         "unit": "nombre", "target": 6, "result": 5, "progress": "En cours"},
        {"action": "SEO : audit technique et plan de mots clés",
         "phases": "Audit ; corrections techniques ; plan de 120 mots clés",
         "family": "Supports de vente", "objective_id": "O2", "category": "Notoriété",
         "lever": "Savoir-faire", "target_segment": PME, "channel": "SEO",
         "priority": "Haute", "owner": BENOIT, "budget": 6000, "spent": 6000,
         "start": D(2027, 1, 4), "end": D(2027, 3, 31), "indicator": "Pages corrigées",
         "unit": "nombre", "target": 120, "result": 134, "progress": "Terminée",
         "decision": "À poursuivre"},
        {"action": "SEO : huit articles optimisés par mois",
         "phases": "Calendrier éditorial ; rédaction ; maillage interne",
         "family": "Supports de vente", "objective_id": "O2", "category": "Notoriété",
         "lever": "Savoir-faire", "target_segment": PME, "channel": "Contenus",
         "priority": "Haute", "owner": LEA, "budget": 16000, "spent": 12000,
         "start": D(2027, 2, 1), "end": D(2027, 12, 17), "indicator": "Articles publiés",
         "unit": "nombre", "target": 88, "result": 61, "progress": "En cours"},
        {"action": "Netlinking et relations presse en ligne",
         "phases": "Articles invités ; partenariats de contenus ; communiqués",
         "family": "Marketing relationnel", "objective_id": "O2", "category": "Notoriété",
         "lever": "Savoir être", "target_segment": "Médias du marketing B2B",
         "channel": "Relations presse", "priority": "Moyenne", "owner": BENOIT, "budget": 8000,
         "spent": 4500, "start": D(2027, 3, 1), "end": D(2027, 11, 30),
         "indicator": "Liens entrants obtenus", "unit": "nombre", "target": 60, "result": 31,
         "progress": "En cours"},
        {"action": "Contenus premium : livres blancs, guides, études de cas",
         "phases": "12 contenus dans l’année, un par mois ; landing page et nurturing pour "
                   "chacun",
         "family": "Supports de vente", "objective_id": "O5", "category": "Conversion",
         "lever": "Savoir-faire", "target_segment": PME, "channel": "Contenus",
         "priority": "Haute", "owner": LEA, "budget": 28000, "spent": 19000,
         "start": D(2027, 1, 15), "end": D(2027, 12, 15),
         "indicator": "Contenus premium publiés", "unit": "nombre", "target": 12, "result": 8,
         "progress": "En cours"},
        {"action": "Atelier bilan 2026 : à poursuivre, à arrêter, à commencer",
         "phases": "Chiffres de chaque levier ; classement en trois catégories ; leviers "
                   "associés aux objectifs",
         "family": "Études de marché", "objective_id": "O4", "category": "Prospection",
         "lever": "Savoir-faire", "channel": "Contenus", "priority": "Haute", "owner": ADELE,
         "budget": 0, "spent": 0, "start": D(2027, 1, 4), "end": D(2027, 1, 15),
         "progress": "Terminée", "decision": "À poursuivre"},
        {"action": "Google Ads : réécrire les annonces",
         "phases": "Annonces par persona ; pages d’atterrissage dédiées ; tests A/B",
         "family": "Publicité", "objective_id": "O4", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": PME, "channel": "SEA / SEM",
         "priority": "Moyenne", "owner": BENOIT, "budget": 18000, "spent": 12600,
         "start": D(2027, 2, 1), "end": END, "indicator": "Coût par lead SEM", "unit": "€",
         "direction": "Baisse", "target": 45, "result": 45.65, "progress": "En cours",
         "analysis": "12 600 € pour 276 leads : 45,65 € le lead contre 56 € en 2026. Les "
                     "nouvelles annonces ont sauvé le levier."},
        {"action": "LinkedIn Ads pour le persona « dirigeant »",
         "phases": "Audiences de dirigeants ; contenus dédiés ; formulaires LinkedIn",
         "family": "Publicité", "objective_id": "O7", "category": "Image",
         "lever": "Savoir être", "target_segment": BOSS, "channel": "Réseaux sociaux",
         "priority": "Moyenne", "owner": ADELE, "budget": 12000, "spent": 9300,
         "start": D(2027, 3, 1), "end": D(2027, 11, 30), "indicator": "Leads de dirigeants",
         "unit": "nombre", "target": 150, "result": 96, "progress": "En cours"},
        {"action": "Étude qualitative des personas",
         "phases": "Entretiens avec des clients et des prospects ; persona « dirigeant » ; "
                   "restitution à l’équipe",
         "family": "Études de marché", "objective_id": "O7", "category": "Image",
         "lever": "Savoir-faire", "target_segment": BOSS, "channel": "Contenus",
         "priority": "Haute", "owner": ADELE, "budget": 4000, "spent": 4400,
         "start": D(2027, 1, 15), "end": D(2027, 3, 31), "indicator": "Entretiens réalisés",
         "unit": "nombre", "target": 15, "result": 18, "progress": "Terminée",
         "analysis": "Trois entretiens ajoutés pour le persona « dirigeant » : 400 € de "
                     "dépassement.",
         "decision": "À poursuivre"},
        {"action": "Scénarios de lead nurturing (MQL → SQL)",
         "phases": "Scoring ; scénarios par persona ; passage aux commerciaux",
         "family": "Marketing direct", "objective_id": "O6", "category": "Conversion",
         "lever": "Savoir vendre", "target_segment": "Leads non qualifiés",
         "channel": "Emailing", "priority": "Haute", "owner": ADELE, "budget": 3600,
         "spent": 2700, "start": D(2027, 2, 1), "end": END, "indicator": "Taux MQL → SQL",
         "unit": "%", "target": 0.3, "result": 0.297, "progress": "En cours"},
        {"action": "Campagne display sur des sites médias",
         "phases": "Bannières sur trois médias marketing ; retargeting",
         "family": "Publicité", "objective_id": "O4", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": PME, "channel": "Publicité",
         "priority": "Basse", "owner": BENOIT, "budget": 5000, "spent": 5000,
         "start": D(2027, 2, 1), "end": D(2027, 4, 30), "indicator": "Leads",
         "unit": "nombre", "target": 60, "result": 11, "progress": "Terminée",
         "analysis": "11 leads pour 5 000 € (455 € le lead) : trafic peu qualifié.",
         "decision": "À arrêter"},
        {"action": "Lancer un podcast mensuel",
         "phases": "Format ; invités ; trois épisodes avant la fin de l’année",
         "family": "Marketing relationnel", "objective_id": "O7", "category": "Notoriété",
         "lever": "Savoir être", "target_segment": BOSS, "channel": "Contenus",
         "priority": "Basse", "owner": JULIE, "budget": 3000, "start": D(2027, 10, 4),
         "end": D(2027, 12, 17), "indicator": "Épisodes publiés", "unit": "nombre",
         "target": 3, "progress": "À faire"},
        {"action": "Pilote : prise de rendez-vous directe dans le chat",
         "phases": "Agenda des commerciaux relié au chat sur les pages produit",
         "family": "Suivi commercial (CRM)", "objective_id": "O6", "category": "Conversion",
         "lever": "Savoir vendre", "target_segment": "Visiteurs du site", "channel": "Site web",
         "priority": "Moyenne", "owner": MAXIME, "budget": 0, "spent": 0,
         "start": D(2027, 6, 1), "end": D(2027, 7, 31), "indicator": "Rendez-vous pris",
         "unit": "nombre", "target": 20, "result": 34, "progress": "Terminée",
         "analysis": "34 rendez-vous en deux mois, dont 12 SQL. À étendre à toutes les pages "
                     "produit en 2028.",
         "decision": "À commencer"},
        {"action": "Refondre les pages tarifs",
         "phases": "Nouvelle grille ; comparatif des offres ; questions fréquentes",
         "family": "Offre commerciale", "objective_id": "O1", "category": "Conversion",
         "lever": "Savoir offrir", "target_segment": "Visiteurs du site", "channel": "Site web",
         "priority": "Moyenne", "owner": BENOIT, "budget": 3500, "spent": 1200,
         "start": D(2027, 6, 1), "end": D(2027, 8, 31), "indicator": "Conversion des pages tarifs",
         "unit": "%", "target": 0.08, "progress": "En cours",
         "analysis": "La direction arbitre encore la grille tarifaire 2028 : mise en ligne "
                     "repoussée à fin octobre."},
    ],
    # -- Budget -------------------------------------------------------------------------------
    "budget": {
        "budget_clients": [
            {"item": "Scénarios de nurturing (plateforme d’emailing)", "n1": 3600, "budget": 3600,
             "spent": 2700},
        ],
        "budget_leads": [
            {"item": "SEO (audit, articles, netlinking)", "n1": 18000, "budget": 30000,
             "spent": 22500},
            {"item": "Webinars", "n1": 0, "budget": 9000, "spent": 7500},
            {"item": "Publicité en ligne (Google Ads, display)", "n1": 24000, "budget": 23000,
             "spent": 17600},
            {"item": "LinkedIn Ads", "n1": 12000, "budget": 12000, "spent": 9300},
            {"item": "Salons", "n1": 15000, "budget": 0, "spent": 0},
            {"item": "Podcast", "n1": 0, "budget": 3000, "spent": 0},
        ],
        "budget_resources": [
            {"item": "Site web — chat et pages tarifs", "n1": 4000, "budget": 5900,
             "spent": 3000},
            {"item": "Contenus premium", "n1": 15000, "budget": 28000, "spent": 19000},
            {"item": "Études personas", "n1": 0, "budget": 4000, "spent": 4400},
        ],
    },
    # -- KPI tabs: (N-1, objectif N, réalisé au 30/09) ----------------------------------------
    "kpi": {
        "scorecard": {
            "scorecard": {
                "salaries": (310_000, 345_000, 258_000), "headcount": (4, 4, 4),
                "revenue": (2_600_000, 3_100_000, 2_280_000),
            },
        },
        # opportunities: SQL for new clients, renewals due, training quotes
        "products": {
            "p1": {
                "label": "Abonnements — nouveaux clients",
                "opportunities": (88, 120, 86), "sales": (22, 30, 21), "clients": (22, 30, 21),
                "revenue": (237_600, 324_000, 226_800),
            },
            "p2": {
                "label": "Abonnements — clients existants",
                "opportunities": (196, 210, 210), "sales": (188, 195, 198),
                "clients": (188, 195, 198), "revenue": (2_250_000, 2_600_000, 1_905_000),
            },
            "s1": {
                "label": "Accompagnement et formation",
                "opportunities": (55, 65, 46), "sales": (40, 50, 35), "clients": (38, 46, 33),
                "revenue": (112_400, 176_000, 148_200),
            },
        },
        "channels": {
            "all": {
                "inside_sales": (2_080_000, 2_450_000, 1_800_000),
                "agencies": (520_000, 650_000, 480_000),
            },
        },
        # leads are the site's leads (3 Web): 2 400 / 4 000 / 2 538; qualified leads are MQL,
        # opportunities SQL (the funnel: 400 MQL, 120 SQL)
        "sources": {
            "newsletter": {
                "leads": (180, 120, 72), "qualified_leads": (20, 5, 4),
                "budget": (3600, 3600, 2700), "opportunities": (6, 3, 1),
            },
            "seo": {
                "leads": (1080, 1640, 959), "qualified_leads": (130, 120, 58),
                "budget": (18_000, 30_000, 22_500), "opportunities": (36, 34, 18),
            },
            "sem": {
                "label": "SEM et display",
                "leads": (430, 460, 287), "qualified_leads": (50, 35, 20),
                "budget": (24_000, 23_000, 17_600), "opportunities": (14, 10, 6),
            },
            "social": {
                "label": "LinkedIn (dont LinkedIn Ads)",
                "leads": (290, 300, 184), "qualified_leads": (30, 30, 18),
                "budget": (12_000, 12_000, 9300), "opportunities": (8, 9, 5),
            },
            "web_forms": {
                "label": "Contenus premium (formulaires)",
                "leads": (320, 380, 236), "qualified_leads": (60, 40, 22),
                "budget": (15_000, 28_000, 19_000), "opportunities": (16, 12, 7),
            },
            "events": {
                "label": "Webinars",
                "leads": (0, 720, 540), "qualified_leads": (0, 150, 136),
                "budget": (0, 9000, 7500), "opportunities": (0, 36, 34),
            },
            "inbound_calls": {
                "leads": (100, 80, 48), "qualified_leads": (20, 5, 6),
                "opportunities": (8, 4, 3),
            },
            "other": {
                "label": "Chat du site",
                "leads": (0, 300, 212), "qualified_leads": (0, 15, 26),
                "budget": (0, 2400, 1800), "opportunities": (0, 12, 12),
            },
        },
        "search": {
            "search": {
                "keyword_position": (9, 3, 4), "seo_leads": (1080, 1640, 959),
                "seo_budget": (18_000, 30_000, 22_500), "sem_budget": (24_000, 18_000, 12_600),
                "sem_leads": (430, 400, 276),
            },
        },
        "campaigns": {
            "l01": {
                "label": "Invitation au webinar n°1",
                "date": D(2027, 1, 26), "segment": "Base marketing",
                "sent": (None, 9000, 9120), "delivered": (None, 8820, 8950),
                "opens": (None, 2200, 2416), "clicks": (None, 310, 342),
                "bounces": (None, None, 170), "unsubscribes": (None, None, 38),
                "leads": (None, 25, 31), "budget": (None, 300, 300),
            },
            "l02": {
                "label": "Newsletter de février",
                "date": D(2027, 2, 16), "segment": "Abonnés à la newsletter",
                "sent": (None, 12_000, 12_240), "delivered": (None, 11_750, 12_010),
                "opens": (None, 3000, 3120), "clicks": (None, 360, 388),
                "bounces": (None, None, 230), "unsubscribes": (None, None, 44),
                "leads": (None, 20, 17), "budget": (None, 300, 300),
            },
            "l03": {
                "label": "Invitation au webinar n°2",
                "date": D(2027, 3, 23), "segment": "Base marketing",
                "sent": (None, 9300, 9410), "delivered": (None, 9110, 9240),
                "opens": (None, 2280, 2495), "clicks": (None, 320, 371),
                "bounces": (None, None, 170), "unsubscribes": (None, None, 35),
                "leads": (None, 25, 34), "budget": (None, 300, 300),
            },
            "l04": {
                "label": "Invitation au webinar n°3",
                "date": D(2027, 5, 11), "segment": "Base marketing",
                "sent": (None, 9600, 9700), "delivered": (None, 9400, 9520),
                "opens": (None, 2350, 2190), "clicks": (None, 330, 262),
                "bounces": (None, None, 180), "unsubscribes": (None, None, 41),
                "leads": (None, 25, 18), "budget": (None, 300, 300),
            },
            "l05": {
                "label": "Invitation au webinar n°4",
                "date": D(2027, 6, 8), "segment": "Base marketing",
                "sent": (None, 9800, 9950), "delivered": (None, 9600, 9770),
                "opens": (None, 2400, 2735), "clicks": (None, 340, 402),
                "bounces": (None, None, 180), "unsubscribes": (None, None, 36),
                "leads": (None, 25, 39), "budget": (None, 300, 300),
            },
            "l06": {
                "label": "Newsletter de juillet",
                "date": D(2027, 7, 6), "segment": "Abonnés à la newsletter",
                "sent": (None, 12_500, 12_780), "delivered": (None, 12_250, 12_540),
                "opens": (None, 3100, 2880), "clicks": (None, 370, 301),
                "bounces": (None, None, 240), "unsubscribes": (None, None, 52),
                "leads": (None, 20, 12), "budget": (None, 300, 300),
            },
            "l07": {
                "label": "Invitation au webinar n°5",
                "date": D(2027, 9, 7), "segment": "Base marketing",
                "sent": (None, 10_000, 10_230), "delivered": (None, 9800, 10_040),
                "opens": (None, 2450, 2610), "clicks": (None, 350, 368),
                "bounces": (None, None, 190), "unsubscribes": (None, None, 40),
                "leads": (None, 25, 27), "budget": (None, 300, 300),
            },
            "l08": {
                "label": "Invitation au webinar n°6",
                "date": D(2027, 11, 2), "segment": "Base marketing",
                "sent": (None, 10_200, None), "delivered": (None, 10_000, None),
                "opens": (None, 2500, None), "clicks": (None, 360, None),
                "leads": (None, 25, None), "budget": (None, 300, None),
            },
            "l09": {
                "label": "Newsletter de décembre",
                "date": D(2027, 12, 7), "segment": "Abonnés à la newsletter",
                "sent": (None, 13_000, None), "delivered": (None, 12_740, None),
                "opens": (None, 3200, None), "clicks": (None, 380, None),
                "leads": (None, 20, None), "budget": (None, 300, None),
            },
        },
        # the six webinars of the year; contacts are registrations, leads new contacts
        "events": {
            "l01": {
                "label": "Webinar n°1 — Construire son plan marketing B2B",
                "type": WEBINAR, "date": D(2027, 2, 11),
                "budget": (None, 1500, 1400), "contacts": (None, 350, 312),
                "leads": (None, 120, 96), "qualified_leads": (None, 25, 24),
                "opportunities": (None, 6, 6), "revenue": (None, 10_800, 10_800),
            },
            "l02": {
                "label": "Webinar n°2 — Lead nurturing : les scénarios qui convertissent",
                "type": WEBINAR, "date": D(2027, 4, 8),
                "budget": (None, 1500, 1550), "contacts": (None, 350, 365),
                "leads": (None, 120, 118), "qualified_leads": (None, 25, 31),
                "opportunities": (None, 6, 8), "revenue": (None, 10_800, 21_600),
            },
            "l03": {
                "label": "Webinar n°3 — SEO B2B : doubler son trafic organique",
                "type": WEBINAR, "date": D(2027, 5, 27),
                "budget": (None, 1500, 1500), "contacts": (None, 350, 298),
                "leads": (None, 120, 84), "qualified_leads": (None, 25, 19),
                "opportunities": (None, 6, 4), "revenue": (None, 10_800, 0),
            },
            "l04": {
                "label": "Webinar n°4 — Predictable revenue : piloter son entonnoir",
                "type": WEBINAR, "date": D(2027, 6, 24),
                "budget": (None, 1500, 1600), "contacts": (None, 350, 402),
                "leads": (None, 120, 132), "qualified_leads": (None, 25, 35),
                "opportunities": (None, 6, 9), "revenue": (None, 10_800, 21_600),
            },
            "l05": {
                "label": "Webinar n°5 — Chat et conversion : notre retour d’expérience",
                "type": WEBINAR, "date": D(2027, 9, 23),
                "budget": (None, 1500, 1450), "contacts": (None, 350, 338),
                "leads": (None, 120, 110), "qualified_leads": (None, 25, 27),
                "opportunities": (None, 6, 7), "revenue": (None, 10_800, 0),
            },
            "l06": {
                "label": "Webinar n°6 — Bilan de l’année et plan marketing 2028",
                "type": WEBINAR, "date": D(2027, 11, 18),
                "budget": (None, 1500, None), "contacts": (None, 350, None),
                "leads": (None, 120, None), "qualified_leads": (None, 25, None),
                "opportunities": (None, 6, None), "revenue": (None, 10_800, None),
            },
        },
        "product_lines": {
            "l01": {
                "label": "Abonnements",
                "acquisition_spend": (91_600, 118_500, 86_000), "prospects": (88, 120, 86),
                "new_clients": (22, 30, 21), "clients_start": (196, 210, 210),
                "clients_kept": (188, 195, 198), "clients": (210, 225, 219),
                "revenue": (2_487_600, 2_924_000, 2_131_800),
                "revenue_existing": (2_250_000, 2_600_000, 1_905_000),
                "revenue_new": (237_600, 324_000, 226_800),
                "gross_margin_rate": (0.82, 0.82, 0.83), "lifetime": (5, 5, 5),
            },
            # the rates the whole company uses (typed, not summed)
            "total": {
                "gross_margin_rate": (0.8, 0.8, 0.81), "lifetime": (5, 5, 5),
            },
        },
    },
    # the site month by month: visits rise with SEO, conversion (leads ÷ visits) climbs from
    # 4,1 % in January to 5,1 % in September once the chat is live
    "series": {
        "months": {
            "visits": {
                "n1": [4800, 5200, 5600, 5200, 5000, 4700, 3900, 3200, 5300, 5900, 6100, 5100],
                "objective": [5600, 6200, 6800, 6600, 6600, 6400, 5400, 4600, 7400, 8200, 8600,
                              7600],
                "result": [5300, 5900, 6700, 6500, 6800, 6300, 5200, 4300, 7000],
            },
            "unique_visitors": {
                "n1": [3840, 4160, 4480, 4160, 4000, 3760, 3120, 2560, 4240, 4720, 4880, 4080],
                "result": [4187, 4661, 5293, 5135, 5372, 4977, 4108, 3397, 5530],
            },
            "new_visits": {
                "n1": [2976, 3224, 3472, 3224, 3100, 2914, 2418, 1984, 3286, 3658, 3782, 3162],
                "result": [3392, 3776, 4288, 4160, 4352, 4032, 3328, 2752, 4480],
            },
            "page_views": {
                "n1": [13_440, 14_560, 15_680, 14_560, 14_000, 13_160, 10_920, 8960, 14_840,
                       16_520, 17_080, 14_280],
                "result": [15_900, 17_700, 20_100, 19_500, 20_400, 18_900, 15_600, 12_900,
                           21_000],
            },
            "bounced_visits": {
                "n1": [2640, 2860, 3080, 2860, 2750, 2585, 2145, 1760, 2915, 3245, 3355, 2805],
                "result": [2650, 2950, 3350, 3250, 3400, 3150, 2600, 2150, 3500],
            },
            "landing_visits": {
                "n1": [912, 988, 1064, 988, 950, 893, 741, 608, 1007, 1121, 1159, 969],
                "objective": [1120, 1240, 1360, 1320, 1320, 1280, 1080, 920, 1480, 1640, 1720,
                              1520],
                "result": [1060, 1180, 1340, 1300, 1360, 1260, 1040, 860, 1400],
            },
            "conversions": {
                "n1": [173, 187, 202, 187, 180, 169, 140, 115, 191, 212, 220, 184],
                "objective": [246, 273, 299, 290, 290, 282, 238, 202, 326, 361, 378, 334],
                "result": [191, 229, 271, 269, 287, 272, 220, 178, 317],
            },
            "web_leads": {
                "n1": [192, 208, 224, 208, 200, 188, 156, 128, 212, 236, 244, 204],
                "objective": [280, 310, 340, 330, 330, 320, 270, 230, 370, 410, 430, 380],
                "result": [217, 260, 308, 306, 326, 309, 250, 202, 360],
            },
            # SEO + SEM + chat: 42 000 / 50 400 / 36 900 €
            "web_budget": {
                "n1": [3500] * 12,
                "objective": [4200] * 12,
                "result": [4600, 3900, 4100, 4100, 4000, 4100, 4000, 3900, 4200],
            },
        },
    },
    # Plezi's predictable revenue: 324 000 € of new business at 10 800 € a client → 30
    # clients → 120 SQL (25 %) → 400 MQL (30 %) → 4 000 leads (10 %) → 80 000 visitors (5 %)
    "funnel": {
        "revenue_target": 324000, "average_sale": 10800, "sql_to_client": 0.25,
        "mql_to_sql": 0.3, "lead_to_mql": 0.1, "visitor_to_lead": 0.05,
        "cost_per_client": 4000,
    },
    "picks": [
        ("months", "visits"), ("months", "web_leads"), ("months", "landing_conversion"),
        ("search", "keyword_position"), ("sources", "qualified_leads"),
        ("sources", "opportunities"), ("sources", "cost_per_qualified_lead"),
        ("events", "leads"), ("product_lines", "new_clients"), ("product_lines", "cac"),
    ],
}
