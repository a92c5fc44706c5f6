"""Bob, produits bios et écoresponsables pour la maison: 40 new clients by field prospecting.

Seed 004 (Neocamino): the strategy, the SWOT, the persona Lucie, the team of four (a sales
director, one experienced rep, two reps to be trained), the 60 000 € budget (training,
prospecting material…) and the KPI list of its section 7. Names, zones and every figure
beyond «40 clients, 60 000 €» are invented, consistent with each other. Review: 30/09/2027.

Bob sells through specialist shops (magasins bio, épiceries vrac, concept stores: the
«clients» the reps prospect) and through its own online shop (the persona Lucie).
"""

import datetime as dt

D = dt.date
DIRECTOR, HUGO = "Laurent Mercier", "Hugo Lefèvre"
CAMILLE, BASTIEN = "Camille Roux", "Bastien Morel"
NEW_CLIENTS = "Nouveaux clients signés"
FIELD = "Prospection terrain"
SHOPS = "Magasins bio et épiceries vrac"

SAMPLE = {
    "created": dt.datetime(2026, 12, 14, 9, 0),
    "options": {
        "year": 2027, "first_month": 1, "company": "Bob", "author": DIRECTOR,
        "team": [
            (DIRECTOR, "Directeur commercial"),
            (HUGO, "Commercial expérimenté"),
            (CAMILLE, "Commercial en formation"),
            (BASTIEN, "Commercial en formation"),
        ],
    },
    "lists": {"roles": ["Commercial expérimenté", "Commercial en formation"]},
    "params": {"review_date": D(2027, 9, 30), "tolerance": 0.1},
    "methods": {"renewal_rate": 0, "envelope_rate": 0.03},
    "vision": (
        "En 2032, Bob est la marque de référence des produits bios et écoresponsables pour la "
        "maison dans les magasins spécialisés du quart sud-est de la France, de Suisse romande "
        "et de Belgique, avec des preuves de qualité publiques pour chaque produit."
    ),
    # -- Diagnostic ---------------------------------------------------------------------------
    "review": [
        {"action": "Salon Natexpo 2026 (Paris)", "channel": "Salons et évènements",
         "cost": 14000, "result": "85 contacts, 2 revendeurs signés", "verdict": "À arrêter",
         "why": "7 000 € par client signé ; visiteurs de toute la France, hors de notre zone "
                "de livraison."},
        {"action": "Prospection terrain ponctuelle d’Hugo (région lyonnaise)", "channel": FIELD,
         "cost": 8000, "result": "55 propositions, 11 revendeurs signés",
         "verdict": "À poursuivre",
         "why": "727 € par client : notre canal le plus rentable. À structurer et à étendre "
                "avec une équipe formée."},
        {"action": "Publicité Instagram et Facebook", "channel": "Réseaux sociaux",
         "cost": 6000, "result": "+1 800 abonnés, 310 commandes en ligne attribuées",
         "verdict": "À poursuivre",
         "why": "Touche bien le persona Lucie ; reste hors du budget de l’opération terrain."},
        {"action": "Lettre mensuelle aux revendeurs", "channel": "Emailing", "cost": 1500,
         "result": "Taux de clics 9 %, 38 réassorts déclenchés", "verdict": "À poursuivre",
         "why": "Peu coûteuse ; prolonge chaque visite terrain."},
        {"action": "Formation des commerciaux à la vente terrain", "channel": FIELD,
         "result": "Jamais faite : seul Hugo savait prospecter", "verdict": "À commencer",
         "why": "Condition pour que Camille et Bastien rejoignent Hugo sur le terrain."},
    ],
    "swot": {
        "strengths": [
            "Gamme bio et écoresponsable pour toute la maison, portée par une tendance forte",
            "Valeurs (écologie, environnement, santé) en phase avec les consommateurs",
            "Large gamme personnalisable (coffrets, formats vrac)",
            "Fournisseurs engagés dans une production responsable",
        ],
        "weaknesses": [
            "Prix plus élevés que les produits conventionnels",
            "Preuves de qualité à formaliser (labels, conformité UE)",
            "Un seul commercial expérimenté en prospection",
        ],
        "opportunities": [
            "Demande en hausse constante pour la maison bio",
            "Pays voisins sensibles à l’environnement (Suisse, Belgique)",
            "Magasins bio et épiceries vrac en création dans la région",
        ],
        "threats": [
            "Concurrence forte sur un marché en croissance",
            "Règles européennes exigeantes sur les allégations écologiques",
            "Clientèle limitée par le prix en période d’inflation",
        ],
    },
    "key_dates": [
        {"date": D(2027, 2, 12), "event": "Fin de la formation terrain",
         "comment": "Camille et Bastien partent en tournée dans leurs zones."},
        {"date": D(2027, 6, 1), "event": "Printemps Bio",
         "comment": "Quinzaine de promotion du bio : temps fort des magasins spécialisés."},
        {"date": D(2027, 6, 30), "event": "Bilan du premier semestre",
         "comment": "Nouvelle répartition des zones pour le second semestre."},
        {"date": D(2027, 11, 20), "event": "Semaine européenne de réduction des déchets",
         "comment": "Animations zéro déchet chez les nouveaux revendeurs."},
        {"date": D(2027, 12, 1), "event": "Fêtes de fin d’année",
         "comment": "Coffrets personnalisés : pic de commandes des revendeurs."},
    ],
    # -- Objectifs ----------------------------------------------------------------------------
    "strategic": [
        {"objective": "Trouver de nouveaux clients sur chacun des segments de cible "
                      "(revendeurs spécialisés, familles engagées)", "horizon": D(2027, 12, 31)},
        {"objective": "Porter le chiffre d’affaires à 2,1 M€ (+13,5 %)",
         "horizon": D(2027, 12, 31)},
        {"objective": "Préparer l’ouverture de la Suisse romande et de la Belgique en 2028",
         "horizon": D(2027, 12, 31)},
    ],
    "smart": [
        {"objective": "Trouver 40 nouveaux clients revendeurs par la prospection terrain en 2027",
         "strategic_id": "S1", "category": "Prospection", "segment": SHOPS,
         "indicator": NEW_CLIENTS, "unit": "nombre", "n1": 11, "target": 40,
         "deadline": D(2027, 12, 31), "owner": DIRECTOR, "result": 28,
         "comment": "28 clients au 30/09 : 70 % de la cible pour 75 % de l’année écoulée."},
        {"objective": "Signer un client pour quatre propositions remises",
         "strategic_id": "S1", "category": "Conversion", "segment": SHOPS,
         "indicator": "Taux de signature (clients ÷ propositions)", "unit": "%", "n1": 0.2,
         "target": 0.25, "deadline": D(2027, 12, 31), "owner": DIRECTOR, "result": 0.233,
         "comment": "28 signatures pour 120 propositions."},
        {"objective": "Acquérir chaque nouveau client pour 1 500 € au plus (60 000 € ÷ 40)",
         "strategic_id": "S1", "category": "Prospection", "segment": SHOPS,
         "indicator": "Coût d’acquisition client", "unit": "€", "direction": "Baisse",
         "n1": 727, "target": 1500, "deadline": D(2027, 12, 31), "owner": DIRECTOR,
         "result": 1803,
         "comment": "50 475 € dépensés pour 28 clients : formation et supports déjà payés."},
        {"objective": "Augmenter de 14 % les achats sur la boutique en ligne",
         "strategic_id": "S2", "category": "Vente", "segment": "Familles engagées (Lucie)",
         "indicator": "CA de la boutique en ligne", "unit": "€", "n1": 430000,
         "target": 490000, "deadline": D(2027, 12, 31), "owner": DIRECTOR, "result": 372000},
        {"objective": "Augmenter de 10 % les achats des revendeurs dans les villes prospectées",
         "strategic_id": "S2", "category": "Vente", "segment": SHOPS,
         "indicator": "CA des revendeurs des zones prospectées", "unit": "€", "n1": 640000,
         "target": 704000, "deadline": D(2027, 12, 31), "owner": DIRECTOR, "result": 530000},
        {"objective": "Porter la communauté Instagram à 6 000 abonnés",
         "strategic_id": "S1", "category": "Notoriété", "segment": "Familles engagées (Lucie)",
         "indicator": "Abonnés Instagram", "unit": "nombre", "n1": 4200, "target": 6000,
         "deadline": D(2027, 12, 31), "owner": DIRECTOR, "result": 5350},
        {"objective": "Fidéliser les revendeurs : 93 % repassent au moins une commande",
         "strategic_id": "S2", "category": "Fidélisation", "segment": "Revendeurs existants",
         "indicator": "Taux de réachat des revendeurs", "unit": "%", "n1": 0.935,
         "target": 0.93, "deadline": D(2027, 12, 31), "owner": HUGO, "result": 0.902,
         "comment": "101 des 112 revendeurs du 1er janvier ont recommandé."},
        {"objective": "Être reconnue par les revendeurs comme la marque qui prouve ses "
                      "engagements (labels, conformité UE)",
         "strategic_id": "S3", "type": "Qualitatif", "category": "Image", "segment": SHOPS,
         "indicator": "Dossier de preuves remis et compris", "deadline": D(2027, 12, 31),
         "owner": DIRECTOR, "qual_status": "Proche",
         "comment": "Dossier de conformité remis à 80 % des nouveaux revendeurs ; label "
                    "Ecocert de la gamme entretien en cours."},
    ],
    # -- Plan d’actions -----------------------------------------------------------------------
    "actions": [
        {"action": "Former Camille et Bastien à la prospection terrain",
         "phases": "Formation de 4 jours (découverte, argumentaire, objections) ; jeux de "
                   "rôle ; 2 journées en binôme avec Hugo ; validation par le directeur",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": "Commerciaux en formation",
         "channel": FIELD, "priority": "Haute", "owner": DIRECTOR, "budget": 8000,
         "spent": 8400, "start": D(2027, 1, 11), "end": D(2027, 2, 12),
         "indicator": "Commerciaux formés et autonomes", "unit": "nombre", "target": 2,
         "result": 2, "progress": "Terminée",
         "analysis": "Objectif atteint. Dépassement de 400 € : une journée de coaching "
                     "terrain ajoutée pour Bastien.",
         "decision": "À poursuivre"},
        {"action": "Créer le kit de prospection",
         "phases": "Plaquette de la gamme ; catalogue revendeurs ; fiches produits avec "
                   "preuves (labels, conformité UE) ; argumentaire ; tablette de démonstration",
         "family": "Supports de vente", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": "Gérants de magasins bio",
         "channel": FIELD, "priority": "Haute", "owner": DIRECTOR, "budget": 9000,
         "spent": 8650, "start": D(2027, 1, 4), "end": D(2027, 2, 26),
         "indicator": "Kits remis aux commerciaux", "unit": "nombre", "target": 3, "result": 3,
         "progress": "Terminée", "decision": "À poursuivre"},
        {"action": "Coffrets d’échantillons et présentoirs de démonstration",
         "phases": "Coffrets d’échantillons ; présentoirs en bois certifié posés chez chaque "
                   "nouveau revendeur ; réassort au 4e trimestre",
         "family": "Point de vente", "objective_id": "O1", "category": "Vente",
         "lever": "Savoir offrir", "target_segment": "Nouveaux revendeurs",
         "channel": "Point de vente", "priority": "Moyenne", "owner": DIRECTOR, "budget": 6000,
         "spent": 7300, "start": D(2027, 2, 1), "end": D(2027, 12, 15),
         "indicator": "Présentoirs installés", "unit": "nombre", "target": 40, "result": 26,
         "progress": "En cours",
         "analysis": "Budget déjà dépassé de 1 300 € : présentoirs 18 % plus chers que prévu "
                     "(bois certifié). Arbitrer le réassort du 4e trimestre."},
        {"action": "Constituer le fichier des points de vente à prospecter",
         "phases": "Achat d’un fichier ; qualification téléphonique ; découpage en trois zones",
         "family": "Études de marché", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir-faire", "target_segment": SHOPS, "channel": "Téléprospection",
         "priority": "Haute", "owner": DIRECTOR, "budget": 1500, "spent": 1500,
         "start": D(2027, 1, 4), "end": D(2027, 1, 29),
         "indicator": "Points de vente qualifiés", "unit": "nombre", "target": 400,
         "result": 436, "progress": "Terminée", "decision": "À poursuivre"},
        {"action": "Tournées terrain S1 — Lyon Métropole",
         "phases": "Plan de tournée hebdomadaire ; 3 visites par jour ; commande d’essai",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": SHOPS, "channel": FIELD,
         "priority": "Haute", "owner": HUGO, "budget": 5000, "spent": 5200,
         "start": D(2027, 2, 1), "end": D(2027, 6, 30), "indicator": NEW_CLIENTS,
         "unit": "nombre", "target": 9, "result": 11, "progress": "Terminée",
         "analysis": "Zone dense et commercial expérimenté : 11 clients pour 9 visés.",
         "decision": "À poursuivre"},
        {"action": "Tournées terrain S1 — Grenoble et Isère",
         "phases": "Plan de tournée hebdomadaire ; 3 visites par jour ; commande d’essai",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": SHOPS, "channel": FIELD,
         "priority": "Haute", "owner": CAMILLE, "budget": 5000, "spent": 4700,
         "start": D(2027, 2, 15), "end": D(2027, 6, 30), "indicator": NEW_CLIENTS,
         "unit": "nombre", "target": 7, "result": 6, "progress": "Terminée",
         "analysis": "Démarrage après la formation ; deux journées perdues en mars (neige). "
                     "Signatures en hausse en juin.",
         "decision": "À poursuivre"},
        {"action": "Tournées terrain S1 — Saint-Étienne et Loire",
         "phases": "Plan de tournée hebdomadaire ; 3 visites par jour ; commande d’essai",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": SHOPS, "channel": FIELD,
         "priority": "Haute", "owner": BASTIEN, "budget": 4000, "spent": 4100,
         "start": D(2027, 2, 15), "end": D(2027, 6, 30), "indicator": NEW_CLIENTS,
         "unit": "nombre", "target": 5, "result": 3, "progress": "Terminée",
         "analysis": "Moins de magasins bio que prévu (62 au fichier) ; 3 signatures pour "
                     "21 propositions. Zone abandonnée : Bastien reprend Lyon Est et l’Ain.",
         "decision": "À arrêter"},
        {"action": "Tournées terrain S2 — Lyon Métropole",
         "phases": "Relance des prospects du S1 ; nouvelles communes de la Métropole",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": SHOPS, "channel": FIELD,
         "priority": "Haute", "owner": HUGO, "budget": 4500, "spent": 2300,
         "start": D(2027, 7, 1), "end": D(2027, 12, 17), "indicator": NEW_CLIENTS,
         "unit": "nombre", "target": 8, "result": 4, "progress": "En cours"},
        {"action": "Tournées terrain S2 — Grenoble et Isère",
         "phases": "Vallée du Grésivaudan et Voironnais ; commande d’essai",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": SHOPS, "channel": FIELD,
         "priority": "Haute", "owner": CAMILLE, "budget": 4000, "spent": 1900,
         "start": D(2027, 7, 1), "end": D(2027, 12, 17), "indicator": NEW_CLIENTS,
         "unit": "nombre", "target": 6, "result": 2, "progress": "En cours"},
        {"action": "Tournées terrain S2 — Lyon Est et Ain",
         "phases": "Nouvelle zone de Bastien ; épiceries vrac et concept stores",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir vendre", "target_segment": SHOPS, "channel": FIELD,
         "priority": "Haute", "owner": BASTIEN, "budget": 4000, "spent": 1600,
         "start": D(2027, 7, 1), "end": D(2027, 12, 17), "indicator": NEW_CLIENTS,
         "unit": "nombre", "target": 5, "result": 2, "progress": "En cours"},
        {"action": "Relancer et suivre chaque prospect visité",
         "phases": "Appel à J+7 ; envoi d’échantillons ; lettre mensuelle ; suivi dans le CRM",
         "family": "Suivi commercial (CRM)", "objective_id": "O2", "category": "Conversion",
         "lever": "Savoir-faire", "target_segment": "Prospects visités", "channel": "Emailing",
         "priority": "Moyenne", "owner": DIRECTOR, "budget": 1500, "spent": 1125,
         "start": D(2027, 2, 1), "end": D(2027, 12, 17),
         "indicator": "Prospects relancés sous 7 jours", "unit": "%", "target": 0.9,
         "result": 0.84, "progress": "En cours"},
        {"action": "Démarcher les enseignes régionales de grande distribution",
         "phases": "Rendez-vous avec 3 enseignes ; proposition d’un rayon test",
         "family": "Organisation commerciale", "objective_id": "O5", "category": "Vente",
         "lever": "Savoir vendre", "target_segment": "Grandes surfaces régionales",
         "channel": FIELD, "priority": "Basse", "owner": HUGO, "budget": 3000, "spent": 2800,
         "start": D(2027, 3, 1), "end": D(2027, 5, 31),
         "indicator": "Référencements obtenus", "unit": "nombre", "target": 2, "result": 0,
         "progress": "Terminée",
         "analysis": "Trois rendez-vous, aucun référencement : les enseignes achètent par leur "
                     "centrale, la visite en magasin ne suffit pas.",
         "decision": "À arrêter"},
        {"action": "Animations « maison saine » chez les nouveaux revendeurs",
         "phases": "Journées découverte ; démonstrations ; coffrets offerts aux clients",
         "family": "Évènementiel", "objective_id": "O5", "category": "Vente",
         "lever": "Savoir être", "target_segment": "Familles engagées (Lucie)",
         "channel": "Point de vente", "priority": "Moyenne", "owner": CAMILLE, "budget": 3000,
         "start": D(2027, 11, 2), "end": D(2027, 12, 11),
         "indicator": "Animations réalisées", "unit": "nombre", "target": 10,
         "progress": "À faire"},
        {"action": "Mettre à jour le catalogue automne-hiver",
         "phases": "Nouvelles références ; photos ; impression ; envoi aux revendeurs",
         "family": "Supports de vente", "objective_id": "O5", "category": "Vente",
         "lever": "Savoir offrir", "target_segment": "Revendeurs", "channel": "Point de vente",
         "priority": "Moyenne", "owner": DIRECTOR, "budget": 1500, "spent": 900,
         "start": D(2027, 8, 2), "end": D(2027, 9, 15),
         "indicator": "Catalogues remis aux revendeurs", "unit": "nombre", "target": 140,
         "progress": "En cours",
         "analysis": "Retard du photographe sur les nouvelles références ; diffusion "
                     "repoussée à la mi-octobre."},
        {"action": "Pilote : prise de commande sur tablette pendant la visite",
         "phases": "Catalogue sur tablette ; commande signée sur place ; livraison sous 48 h",
         "family": "Suivi commercial (CRM)", "objective_id": "O2", "category": "Conversion",
         "lever": "Savoir-faire", "target_segment": SHOPS, "channel": FIELD,
         "priority": "Moyenne", "owner": HUGO, "budget": 0, "spent": 0,
         "start": D(2027, 4, 1), "end": D(2027, 6, 30),
         "indicator": "Commandes passées sur tablette", "unit": "nombre", "target": 10,
         "result": 14, "progress": "Terminée",
         "analysis": "Délai de première commande ramené de 12 à 2 jours. À généraliser à "
                     "toute l’équipe en 2028.",
         "decision": "À commencer"},
        {"action": "Bilan de l’opération et plan 2028",
         "phases": "Bilan par zone et par commercial ; décisions à poursuivre, à arrêter, "
                   "à commencer ; budget 2028",
         "family": "Organisation commerciale", "objective_id": "O1", "category": "Prospection",
         "lever": "Savoir-faire", "channel": FIELD, "priority": "Moyenne", "owner": DIRECTOR,
         "budget": 0, "start": D(2027, 12, 1), "end": D(2027, 12, 17), "progress": "À faire"},
    ],
    # -- Budget: the 60 000 € of the operation (N-1: what similar lines cost in 2026) -----------
    "budget": {
        "budget_clients": [
            {"item": "Relances et lettre aux revendeurs (CRM)", "n1": 1500, "budget": 1500,
             "spent": 1125},
        ],
        "budget_leads": [
            {"item": "Tournées de prospection terrain (déplacements)", "n1": 8000,
             "budget": 26500, "spent": 19800},
            {"item": "Fichier de prospects", "budget": 1500, "spent": 1500},
            {"item": "Démarchage des enseignes régionales", "budget": 3000, "spent": 2800},
            {"item": "Animations en magasin", "budget": 3000, "spent": 0},
            {"item": "Salons (Natexpo)", "n1": 14000, "budget": 0, "spent": 0},
        ],
        "budget_resources": [
            {"item": "Formation à la vente terrain", "budget": 8000, "spent": 8400},
            {"item": "Kit de prospection et catalogues", "n1": 2500, "budget": 10500,
             "spent": 9550},
            {"item": "Échantillons et présentoirs", "n1": 1200, "budget": 6000, "spent": 7300},
        ],
    },
    # -- KPI tabs: (N-1, objectif N, réalisé N) -----------------------------------------------
    "kpi": {
        "scorecard": {
            "scorecard": {
                "revenue": (1_850_000, 2_100_000, 1_576_000),
            },
        },
        "products": {
            "p1": {
                "label": "Nouveaux revendeurs (prospection terrain)",
                "opportunities": (55, 160, 120), "sales": (11, 40, 28), "clients": (11, 40, 28),
                "revenue": (30_800, 120_000, 84_000),
            },
            # opportunities: the restocking proposals the reps make
            "p2": {
                "label": "Revendeurs existants",
                "opportunities": (1420, 1480, 1060), "sales": (1180, 1250, 905),
                "clients": (101, 104, 101), "revenue": (1_389_200, 1_490_000, 1_120_000),
            },
            # opportunities: the shopping baskets started on the online shop
            "p3": {
                "label": "Boutique en ligne (particuliers)",
                "opportunities": (26_500, 28_400, 20_250), "sales": (7950, 9100, 6480),
                "clients": (5400, 6000, 4620), "revenue": (430_000, 490_000, 372_000),
            },
        },
        "channels": {
            "all": {
                "online": (430_000, 490_000, 372_000),
                "distributors": (1_420_000, 1_610_000, 1_204_000),
            },
        },
        # the seed’s «discussions with prospects, by sales rep»: one source line per rep;
        # leads: conversations, qualified leads: interested shops, opportunities: proposals
        "sources": {
            "field": {
                "label": "Prospection terrain — Hugo Lefèvre",
                "leads": (150, 170, 150), "qualified_leads": (80, 110, 95),
                "budget": (8000, 9500, 7500), "opportunities": (55, 68, 60),
            },
            "telemarketing": {
                "label": "Prospection terrain — Camille Roux",
                "leads": (None, 130, 100), "qualified_leads": (None, 80, 58),
                "budget": (None, 9000, 6600), "opportunities": (None, 52, 36),
            },
            "abm": {
                "label": "Prospection terrain — Bastien Morel",
                "leads": (None, 100, 86), "qualified_leads": (None, 60, 40),
                "budget": (None, 8000, 5700), "opportunities": (None, 40, 24),
            },
        },
        "campaigns": {
            "l01": {
                "label": "Lettre revendeurs — janvier : nouvelle gamme",
                "date": D(2027, 1, 19), "segment": "Revendeurs et prospects",
                "sent": (None, 500, 512), "delivered": (None, 490, 503), "opens": (None, 220, 231),
                "clicks": (None, 50, 48), "bounces": (None, None, 9),
                "unsubscribes": (None, None, 1), "leads": (None, 8, 7), "budget": (None, 125, 125),
            },
            "l02": {
                "label": "Newsletter — février : ménage de printemps",
                "date": D(2027, 2, 16), "segment": "Particuliers", "sent": (None, 12_000, 12_240),
                "delivered": (None, 11_760, 11_985), "opens": (None, 3300, 3476),
                "clicks": (None, 420, 395), "bounces": (None, None, 255),
                "unsubscribes": (None, None, 41), "leads": (None, 30, 26),
                "budget": (None, 125, 125),
            },
            "l03": {
                "label": "Lettre revendeurs — mars : kit présentoir",
                "date": D(2027, 3, 16), "segment": "Revendeurs et prospects",
                "sent": (None, 540, 548), "delivered": (None, 529, 538), "opens": (None, 235, 259),
                "clicks": (None, 55, 71), "bounces": (None, None, 10),
                "unsubscribes": (None, None, 2), "leads": (None, 9, 12), "budget": (None, 125, 125),
            },
            "l04": {
                "label": "Newsletter — avril : zéro déchet",
                "date": D(2027, 4, 13), "segment": "Particuliers", "sent": (None, 12_300, 12_510),
                "delivered": (None, 12_050, 12_240), "opens": (None, 3400, 3305),
                "clicks": (None, 430, 367), "bounces": (None, None, 270),
                "unsubscribes": (None, None, 48), "leads": (None, 30, 22),
                "budget": (None, 125, 125),
            },
            "l05": {
                "label": "Lettre revendeurs — mai : Printemps Bio",
                "date": D(2027, 5, 18), "segment": "Revendeurs et prospects",
                "sent": (None, 560, 577), "delivered": (None, 549, 566), "opens": (None, 245, 262),
                "clicks": (None, 58, 64), "bounces": (None, None, 11),
                "unsubscribes": (None, None, 1), "leads": (None, 10, 11),
                "budget": (None, 125, 125),
            },
            "l06": {
                "label": "Newsletter — juin : la maison en été",
                "date": D(2027, 6, 8), "segment": "Particuliers", "sent": (None, 12_500, 12_730),
                "delivered": (None, 12_250, 12_470), "opens": (None, 3450, 3118),
                "clicks": (None, 440, 349), "bounces": (None, None, 260),
                "unsubscribes": (None, None, 52), "leads": (None, 30, 19),
                "budget": (None, 125, 125),
            },
            "l07": {
                "label": "Lettre revendeurs — juillet : réassort",
                "date": D(2027, 7, 6), "segment": "Revendeurs et prospects",
                "sent": (None, 580, 603), "delivered": (None, 568, 590), "opens": (None, 250, 236),
                "clicks": (None, 60, 52), "bounces": (None, None, 13),
                "unsubscribes": (None, None, 2), "leads": (None, 10, 8), "budget": (None, 125, 125),
            },
            "l08": {
                "label": "Newsletter — août : une rentrée saine",
                "date": D(2027, 8, 24), "segment": "Particuliers", "sent": (None, 12_600, 12_880),
                "delivered": (None, 12_350, 12_610), "opens": (None, 3450, 2901),
                "clicks": (None, 440, 302), "bounces": (None, None, 270),
                "unsubscribes": (None, None, 58), "leads": (None, 30, 15),
                "budget": (None, 125, 125),
            },
            "l09": {
                "label": "Lettre revendeurs — septembre : catalogue automne-hiver",
                "date": D(2027, 9, 14), "segment": "Revendeurs et prospects",
                "sent": (None, 600, 627), "delivered": (None, 588, 615), "opens": (None, 260, 283),
                "clicks": (None, 62, 79), "bounces": (None, None, 12),
                "unsubscribes": (None, None, 1), "leads": (None, 11, 14),
                "budget": (None, 125, 125),
            },
            "l10": {
                "label": "Newsletter — octobre : produits d’hiver",
                "date": D(2027, 10, 12), "segment": "Particuliers", "sent": (None, 12_700, None),
                "delivered": (None, 12_450, None), "opens": (None, 3480, None),
                "clicks": (None, 445, None), "leads": (None, 30, None), "budget": (None, 125, None),
            },
            "l11": {
                "label": "Lettre revendeurs — novembre : animations en magasin",
                "date": D(2027, 11, 9), "segment": "Revendeurs et prospects",
                "sent": (None, 620, None), "delivered": (None, 608, None),
                "opens": (None, 270, None), "clicks": (None, 65, None), "leads": (None, 11, None),
                "budget": (None, 125, None),
            },
            "l12": {
                "label": "Newsletter — décembre : coffrets de fêtes",
                "date": D(2027, 12, 1), "segment": "Particuliers", "sent": (None, 12_800, None),
                "delivered": (None, 12_550, None), "opens": (None, 3550, None),
                "clicks": (None, 470, None), "leads": (None, 40, None), "budget": (None, 125, None),
            },
        },
        "events": {
            "l01": {
                "label": "Animations « maison saine » — Lyon",
                "type": "Journée clients", "date": D(2027, 11, 20), "budget": (None, 1500, None),
                "contacts": (None, 300, None), "leads": (None, 60, None),
                "revenue": (None, 9000, None),
            },
            "l02": {
                "label": "Animations « maison saine » — Grenoble",
                "type": "Journée clients", "date": D(2027, 12, 4), "budget": (None, 1500, None),
                "contacts": (None, 250, None), "leads": (None, 50, None),
                "revenue": (None, 7500, None),
            },
        },
        "product_lines": {
            "l01": {
                "label": "Revendeurs (magasins spécialisés)",
                "acquisition_spend": (8000, 60_000, 50_475), "prospects": (80, 250, 193),
                "new_clients": (11, 40, 28), "clients_start": (108, 112, 112),
                "clients_kept": (101, 104, 101), "clients": (112, 144, 129),
                "orders": (1191, 1290, 933), "revenue": (1_420_000, 1_610_000, 1_204_000),
                "revenue_existing": (1_389_200, 1_490_000, 1_120_000),
                "revenue_new": (30_800, 120_000, 84_000), "gross_margin_rate": (0.42, 0.42, 0.41),
                "lifetime": (6, 6, 6),
            },
            "l02": {
                "label": "Boutique en ligne (particuliers)",
                "clients": (5400, 6000, 4620), "orders": (7950, 9100, 6480),
                "revenue": (430_000, 490_000, 372_000),
                "revenue_online": (430_000, 490_000, 372_000),
                "gross_margin_rate": (0.55, 0.55, 0.56), "lifetime": (2.5, 2.5, 2.5),
            },
            # the rates the whole company uses (typed, not summed)
            "total": {
                "gross_margin_rate": (0.45, 0.45, 0.44), "lifetime": (5, 5, 5),
            },
        },
    },
    # Site web month by month (the online shop): «conversions» are online orders, the
    # «landing pages» the product pages; web leads are contacts captured on the site.
    "series": {
        "months": {
            "visits": {
                "n1": [31588, 27075, 30083, 31588, 28579, 25571, 22563, 21058, 28579, 30083,
                       37604, 46629],
                "objective": [34125, 29250, 32500, 34125, 30875, 27625, 24375, 22750, 30875,
                              32500, 40625, 50375],
                "result": [35125, 30897, 34800, 35775, 32523, 29271, 26019, 24067, 32523],
            },
            "unique_visitors": {
                "n1": [25270, 21660, 24066, 25270, 22863, 20457, 18050, 16846, 22863, 24066,
                       30083, 37303],
                "result": [27749, 24409, 27492, 28262, 25693, 23124, 20555, 19013, 25693],
            },
            "new_visits": {
                "n1": [18953, 16245, 18050, 18953, 17147, 15343, 13538, 12635, 17147, 18050,
                       22562, 27977],
                "result": [21426, 18847, 21228, 21823, 19839, 17855, 15872, 14681, 19839],
            },
            "page_views": {
                "n1": [104240, 89348, 99274, 104240, 94311, 84384, 74458, 69491, 94311, 99274,
                       124093, 153876],
                "result": [122938, 108140, 121800, 125212, 113830, 102448, 91066, 84234,
                           113830],
            },
            "bounced_visits": {
                "n1": [13583, 11642, 12936, 13583, 12289, 10996, 9702, 9055, 12289, 12936,
                       16170, 20050],
                "result": [13699, 12050, 13572, 13952, 12684, 11416, 10147, 9386, 12684],
            },
            "landing_visits": {
                "n1": [17373, 14891, 16546, 17373, 15718, 14064, 12410, 11582, 15718, 16546,
                       20682, 25646],
                "objective": [19110, 16380, 18200, 19110, 17290, 15470, 13650, 12740, 17290,
                              18200, 22750, 28210],
                "result": [20021, 17611, 19836, 20392, 18538, 16684, 14831, 13718, 18538],
            },
            "conversions": {
                "n1": [696, 596, 663, 696, 629, 563, 497, 464, 629, 662, 828, 1027],
                "objective": [796, 683, 758, 796, 720, 645, 569, 531, 720, 758, 948, 1176],
                "result": [810, 712, 803, 825, 750, 675, 600, 555, 750],
            },
            "web_leads": {
                "n1": [315, 270, 300, 315, 285, 255, 225, 210, 285, 300, 375, 465],
                "objective": [420, 360, 400, 420, 380, 340, 300, 280, 380, 400, 500, 620],
                "result": [440, 387, 436, 448, 407, 367, 326, 302, 407],
            },
        },
    },
    # Entonnoir: 120 000 € from new shops at 3 000 € each → 40 clients; 160 proposals,
    # 250 interested prospects, 400 conversations; 40 × 1 500 € = the 60 000 € budget.
    "funnel": {
        "revenue_target": 120000, "average_sale": 3000, "sql_to_client": 0.25,
        "mql_to_sql": 0.64, "lead_to_mql": 0.625, "cost_per_client": 1500,
    },
    "picks": [
        ("product_lines", "new_clients"), ("product_lines", "cac"), ("sources", "opportunities"),
        ("products", "revenue"), ("sources", "leads"), ("product_lines", "conversion_rate"),
        ("months", "landing_conversion"), ("months", "web_leads"), ("campaigns", "click_rate"),
        ("product_lines", "retention_rate"),
    ],
}
