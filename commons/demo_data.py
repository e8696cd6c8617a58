"""Demo resources for `flask demo load` (data only; commons/demo.py turns them into resources).

Every entry gives the resource's fields and the specifics of its body (`intro`, `points`, `note`); the body is
composed from the Markdown template of its kind. Places and people are fictional; the laws and practices named
are real. Defaults: licence cc-by-sa-4.0, language fr, status published, visibility public, no co-owner.
"""

#: Markdown body per kind; {points} is a list (numbered or bulleted, see NUMBERED_KINDS), FAQ points are Q/A pairs
BODY_TEMPLATES = {
    "video": "## Ce que montre la vidéo\n\n{intro}\n\n## Chapitres\n\n{points}\n\n## Pour l'utiliser en groupe\n\n"
             "{note}\n",
    "methode": "## Pourquoi cette méthode\n\n{intro}\n\n## Étapes\n\n{points}\n\n## Points de vigilance\n\n{note}\n",
    "dossier": "## Contexte\n\n{intro}\n\n## Ce que contient le dossier\n\n{points}\n\n## À retenir\n\n{note}\n",
    "outil": "## À quoi sert l'outil\n\n{intro}\n\n## Mode d'emploi\n\n{points}\n\n## Limites\n\n{note}\n",
    "faq": "{intro}\n\n{points}\n\n---\n\n{note}\n",
    "formation": "## Objectifs\n\n{intro}\n\n## Programme\n\n{points}\n\n## Modalités\n\n{note}\n",
    "temoignage": "## Le projet\n\n{intro}\n\n## Ce que le collectif a appris\n\n{points}\n\n"
                  "## Et si c'était à refaire ?\n\n{note}\n",
    "modele": "## Usage\n\n{intro}\n\n## Clauses principales\n\n{points}\n\n## Avant de signer\n\n{note}\n\n"
              "> Ce modèle est une base de travail : faites-le relire par un·e juriste ou un·e notaire avant "
              "signature.\n",
    "plan": "## Description\n\n{intro}\n\n## Caractéristiques\n\n{points}\n\n## Fichiers\n\n{note}\n",
    "document-scientifique": "## Résumé\n\n{intro}\n\n## Principaux résultats\n\n{points}\n\n## Méthode et "
                             "limites\n\n{note}\n",
    "chapitre-mooc": "## Objectifs du chapitre\n\n{intro}\n\n## Séquences\n\n{points}\n\n## Activité proposée\n\n"
                     "{note}\n",
}

#: used for every kind when the resource is in English
BODY_TEMPLATE_EN = "## Overview\n\n{intro}\n\n## Key points\n\n{points}\n\n## Notes\n\n{note}\n"

#: closing paragraph of an English resource that does not give its own
DEFAULT_NOTE_EN = "A French version and related resources are available in the commons."

#: kinds whose points read as ordered steps
NUMBERED_KINDS = {"video", "methode", "outil", "modele", "chapitre-mooc"}

#: closing paragraph of a kind when the resource does not give its own
DEFAULT_NOTES = {
    "video": "Projetez la vidéo puis laissez un quart d'heure d'échange : qu'est-ce qui vous a surpris, qu'est-ce "
             "qui vous inquiète, qu'aimeriez-vous reprendre pour votre projet ? La transcription est"
             " disponible sur demande.",
    "methode": "Adaptez la méthode à la taille et à la maturité de votre groupe, et prenez le temps de la tester "
               "sur une décision peu engageante avant de l'appliquer aux sujets sensibles.",
    "dossier": "Le droit et les dispositifs évoluent : vérifiez la date du dossier et les textes en vigueur avant "
               "de vous engager, et n'hésitez pas à solliciter votre réseau régional.",
    "outil": "L'outil aide à préparer une discussion ; il ne remplace ni l'avis d'un·e professionnel·le ni la "
             "décision du groupe.",
    "faq": "Une question manque ? Écrivez au réseau : la FAQ est mise à jour à partir de vos retours.",
    "formation": "Inscriptions auprès du partenaire organisateur. Des tarifs solidaires sont proposés ; les "
                 "supports sont remis aux participant·es sous licence libre.",
    "temoignage": "Le collectif reste joignable par l'intermédiaire du réseau pour les groupes qui souhaitent "
                  "échanger ou organiser une visite.",
    "modele": "Complétez les champs entre crochets et supprimez les clauses optionnelles qui ne vous concernent "
              "pas.",
    "plan": "Plans en PDF et DWG sur demande, avec une nomenclature indicative. Ils doivent être adaptés au terrain, "
            "au climat et aux règles locales par un·e professionnel·le.",
    "document-scientifique": "Les données anonymisées sont disponibles sur demande auprès du comité scientifique, "
                             "pour toute recherche qui en partage les résultats avec les collectifs.",
    "chapitre-mooc": "Partagez votre réponse sur le forum du MOOC : les animateur·rices y répondent chaque semaine.",
}

RESOURCES = [
    # Videos ---------------------------------------------------------------------------------------------------
    {
        "kind": "video", "owner": "hls", "title": "Qu'est-ce qu'un hameau léger ? La vidéo de présentation",
        "summary": "Six minutes pour comprendre le principe : une commune met un terrain à disposition, des "
                   "habitant·es y installent des habitats réversibles et font vivre un projet collectif.",
        "themes": ("habitat-leger", "territoire"), "phases": ("emergence",), "date": "2019-05-14",
        "keywords": ("hameau léger", "présentation", "commune"), "authors": "Hameaux Légers",
        "intro": "Filmée dans trois communes bretonnes, la vidéo suit une élue, un couple de futurs habitants et "
                 "une animatrice de l'association. Elle pose le vocabulaire et les grandes étapes.",
        "points": ["Un foncier communal, un bail de longue durée", "Des habitats réversibles et autonomes",
                   "Un collectif d'habitant·es et une charte", "Ce que la commune y gagne"],
    },
    {
        "kind": "video", "owner": "hpf", "licence": "tous-droits-reserves",
        "title": "Rencontres nationales de l'habitat participatif 2023 : conférence d'ouverture",
        "summary": "Captation de la plénière d'ouverture : dix ans après la loi ALUR, où en est l'habitat "
                   "participatif et que demandent les groupes aux pouvoirs publics ?",
        "themes": ("gouvernance", "territoire"), "phases": ("emergence", "vie-du-lieu"), "date": "2023-07-06",
        "keywords": ("Rencontres nationales", "loi ALUR", "plaidoyer"),
        "source": "Rencontres nationales de l'habitat participatif", "authors": "Habitat Participatif France",
        "intro": "Trois intervenant·es croisent leurs regards : une habitante d'un groupe en coopérative, un "
                 "chargé de mission d'une métropole et une chercheuse en sociologie urbaine.",
        "points": ["Bilan chiffré des projets livrés depuis 2014", "Les freins persistants : foncier, "
                   "financement, assurance", "Les collectivités qui s'engagent", "Questions de la salle"],
        "note": "La conférence dure 1 h 40 ; les chapitres permettent d'en extraire des passages de dix minutes "
                "pour une réunion de groupe.",
    },
    {
        "kind": "video", "owner": "co", "licence": "cc-by-nc-sa-4.0",
        "title": "Visite guidée de l'oasis de la Combe : jardin, atelier et habitat groupé",
        "summary": "Une oasis drômoise de douze adultes ouvre ses portes : organisation du potager collectif, "
                   "atelier partagé et logements regroupés autour d'une maison commune.",
        "themes": ("agriculture", "vivre-ensemble"), "phases": ("vie-du-lieu",), "date": "2021-09-18",
        "keywords": ("visite", "potager collectif", "mutualisation"), "authors": "Coopérative Oasis",
        "intro": "La visite suit une journée ordinaire, du point du matin au repas partagé, et montre ce que "
                 "la mutualisation change concrètement dans le quotidien.",
        "points": ["Le potager et la répartition des tâches", "L'atelier bois et mécanique partagé",
                   "La maison commune et la buanderie", "Les règles de vie, vues par les enfants"],
    },
    {
        "kind": "video", "owner": "hls",
        "title": "Autoconstruire une tiny house : le châssis et le plancher",
        "summary": "Premier épisode d'une série de chantier : choisir la remorque, poser le plancher isolé et "
                   "l'ancrer correctement au châssis.",
        "themes": ("habitat-leger", "eco-construction"), "phases": ("chantier",), "date": "2022-03-22",
        "keywords": ("tiny house", "autoconstruction", "remorque"), "authors": "Yann Kerhervé",
        "intro": "Un charpentier formateur montre chaque geste sur une remorque de 7,20 m au PTAC de 3,5 tonnes, "
                 "en insistant sur les erreurs fréquentes des autoconstructeurs.",
        "points": ["Vérifier la remorque et sa carte grise", "Traiter et poser les lambourdes",
                   "Isoler le plancher en fibre de bois", "Fixer la structure au châssis"],
        "note": "À regarder avant un stage d'autoconstruction ; la liste de l'outillage figure en fin de vidéo.",
    },
    {
        "kind": "video", "owner": "co", "licence": "cc-by-4.0",
        "title": "La décision par consentement, expliquée en huit minutes",
        "summary": "Une animation dessinée pour comprendre la différence entre consensus et consentement, et "
                   "conduire un premier tour d'objections.",
        "themes": ("gouvernance",), "phases": ("constitution", "vie-du-lieu"), "date": "2020-11-03",
        "keywords": ("consentement", "sociocratie", "décision"), "authors": "Élodie Fabre, Karim Haddad",
        "intro": "Le film suit un groupe fictif qui doit décider de l'achat d'un véhicule partagé, et rejoue la "
                 "même décision à la majorité puis par consentement.",
        "points": ["Consensus, majorité, consentement", "Proposition, clarification, réactions",
                   "Objection raisonnable ou préférence ?", "Bonifier la proposition"],
    },
    {
        "kind": "video", "owner": "hpf", "visibility": "commons",
        "title": "Le bail réel solidaire en habitat participatif : entretien avec un organisme de foncier solidaire",
        "summary": "Comment un OFS porte le foncier pendant que les ménages achètent les murs, et ce que cela "
                   "change pour l'accessibilité d'un projet d'habitat participatif.",
        "themes": ("foncier", "financement"), "phases": ("montage",), "date": "2024-02-12",
        "keywords": ("bail réel solidaire", "OFS", "accession sociale"), "authors": "Julien Marchand",
        "intro": "La directrice d'un organisme de foncier solidaire répond aux questions d'un groupe qui hésite "
                 "entre coopérative d'habitants et accession en BRS.",
        "points": ["Dissocier le foncier du bâti", "Plafonds de ressources et prix de revente encadré",
                   "Articuler BRS et gouvernance du groupe", "Retour sur deux opérations livrées"],
    },
    {
        "kind": "video", "owner": "hls", "co": ("co",),
        "title": "Élu·es ruraux : pourquoi notre commune a accueilli un hameau léger",
        "summary": "Trois maires de communes de moins de 1 000 habitants expliquent leurs motivations, leurs "
                   "craintes de départ et ce que le hameau a apporté à l'école et aux associations.",
        "themes": ("territoire", "urbanisme"), "phases": ("recherche-lieu",), "date": "2023-10-09",
        "keywords": ("élus", "commune rurale", "revitalisation"), "authors": "Hameaux Légers",
        "intro": "Une vidéo pensée pour être montrée en conseil municipal : des élu·es parlent à des élu·es, "
                 "sans jargon.",
        "points": ["Maintenir une classe et des commerces", "Lever les craintes des riverains",
                   "Le rôle du PLU et du STECAL", "Ce que nous referions autrement"],
    },
    {
        "kind": "video", "owner": "co", "licence": "tous-droits-reserves",
        "title": "Isolation en paille d'une longère : le chantier participatif en images",
        "summary": "Trois semaines de chantier résumées en vingt minutes : bottes de paille, enduits terre et "
                   "chaux, et l'organisation de quarante bénévoles.",
        "themes": ("eco-construction", "renovation"), "phases": ("chantier",), "date": "2018-06-27",
        "keywords": ("paille", "enduit terre", "chantier participatif"), "authors": "Oasis des Trois Chênes",
        "intro": "Le collectif a isolé par l'extérieur les murs en pierre d'une longère en suivant les règles "
                 "professionnelles de la construction en paille.",
        "points": ["Préparer les murs et l'ossature", "Poser et compresser les bottes",
                   "Les enduits : corps d'enduit et finition", "Nourrir et loger quarante personnes"],
    },
    {
        "kind": "video", "owner": "hpf", "status": "draft", "visibility": "partner",
        "title": "Webinaire : assurer un habitat participatif (dommages-ouvrage, responsabilité civile)",
        "summary": "Enregistrement d'un webinaire réservé aux accompagnateur·rices : quelles assurances souscrire, "
                   "à quel moment, et comment les négocier pour un groupe.",
        "themes": ("financement", "juridique"), "phases": ("montage", "chantier"), "date": "2026-09-24",
        "keywords": ("assurance", "dommages-ouvrage", "webinaire"), "authors": "Julien Marchand",
        "intro": "Un courtier spécialisé et une juriste détaillent les contrats obligatoires pour une maîtrise "
                 "d'ouvrage collective et les pièges des chantiers en partie autoconstruits.",
        "points": ["Dommages-ouvrage et garantie décennale", "Responsabilité civile du maître d'ouvrage",
                   "Autoconstruction et chantiers participatifs", "Questions des participant·es"],
        "note": "Montage en cours : les diapositives seront ajoutées en pièce jointe avant publication.",
    },
    # Methods --------------------------------------------------------------------------------------------------
    {
        "kind": "methode", "owner": "hpf", "title": "Rédiger la charte d'un habitat participatif",
        "summary": "Une démarche en quatre réunions pour écrire ensemble les valeurs et les engagements du groupe, "
                   "et en faire un texte vivant plutôt qu'une déclaration oubliée.",
        "themes": ("gouvernance", "vivre-ensemble"), "phases": ("constitution",), "date": "2017-04-20",
        "keywords": ("charte", "valeurs", "groupe projet"), "authors": "Claire Dumoulin",
        "intro": "La charte fixe ce que le groupe partage avant de parler de mètres carrés : elle sert ensuite à "
                 "accueillir de nouveaux foyers et à trancher les désaccords.",
        "points": ["Recueillir individuellement ce que chacun·e vient chercher",
                   "Regrouper les idées en valeurs et en engagements concrets",
                   "Rédiger en petit groupe, relire en plénière",
                   "Adopter la charte par consentement et fixer sa date de révision"],
        "note": "Évitez les formulations trop générales (« respect », « écologie ») sans exemple concret : c'est "
                "au moment d'un conflit que la charte sera relue.",
    },
    {
        "kind": "methode", "owner": "co", "co": ("hpf",),
        "title": "Prendre des décisions en sociocratie : cercles, rôles et élection sans candidat",
        "summary": "Les outils de la sociocratie adaptés aux collectifs d'habitant·es : organiser les cercles, "
                   "décider par consentement et attribuer les rôles sans campagne.",
        "themes": ("gouvernance",), "phases": ("constitution", "vie-du-lieu"), "date": "2019-02-11",
        "keywords": ("sociocratie", "élection sans candidat", "cercles"), "authors": "Élodie Fabre",
        "intro": "Quand le groupe dépasse une dizaine de personnes, tout décider en plénière épuise. La "
                 "sociocratie délègue à des cercles tout en gardant chacun·e en lien avec l'ensemble.",
        "points": ["Dessiner les cercles (foncier, finances, vie collective…) et leurs mandats",
                   "Relier les cercles par un double lien", "Élire sans candidat : nominations argumentées, "
                   "puis consentement", "Revoir les rôles à échéance fixe"],
    },
    {
        "kind": "methode", "owner": "hls",
        "title": "Trouver une commune accueillante : la démarche d'approche des élu·es",
        "summary": "Comment repérer les communes ouvertes à un hameau léger, préparer le premier rendez-vous et "
                   "construire la confiance avec le conseil municipal.",
        "themes": ("foncier", "territoire", "urbanisme"), "phases": ("recherche-lieu",), "date": "2021-01-25",
        "keywords": ("élus", "foncier communal", "démarchage"), "authors": "Gwenaëlle Le Bihan",
        "intro": "La plupart des hameaux légers naissent d'une rencontre entre un groupe et une commune qui a un "
                 "terrain et un besoin : une école à maintenir, des habitant·es à attirer.",
        "points": ["Cibler : PLU en révision, école menacée, terrain communal disponible",
                   "Préparer un dossier court avec photos et exemples", "Rencontrer le ou la maire, puis la "
                   "commission urbanisme", "Proposer une réunion publique co-animée"],
    },
    {
        "kind": "methode", "owner": "hpf",
        "title": "Intégrer de nouveaux foyers dans un groupe déjà constitué",
        "summary": "Un parcours d'accueil en trois temps pour que les nouveaux arrivants comprennent l'histoire du "
                   "groupe et que le groupe ne se referme pas sur ses fondateurs.",
        "themes": ("vivre-ensemble", "gouvernance"), "phases": ("constitution", "emmenagement"),
        "date": "2020-06-15", "keywords": ("accueil", "cooptation", "nouveaux membres"), "authors": "Nadia Benali",
        "intro": "Les départs et les arrivées sont normaux dans un projet qui dure des années. Sans méthode, les "
                 "nouveaux foyers restent longtemps « les nouveaux ».",
        "points": ["Une période d'observation avec un binôme référent", "La transmission de l'histoire et des "
                   "décisions passées", "Un engagement réciproque écrit", "Un point d'étape au bout de six mois"],
    },
    {
        "kind": "methode", "owner": "co",
        "title": "Organiser un chantier participatif : accueil, sécurité, assurance",
        "summary": "Tout ce qu'il faut prévoir avant d'ouvrir son chantier à des bénévoles : encadrement, "
                   "assurance, hébergement, repas et transmission des savoir-faire.",
        "themes": ("eco-construction", "vivre-ensemble"), "phases": ("chantier",), "date": "2022-04-04",
        "keywords": ("chantier participatif", "bénévoles", "sécurité"), "authors": "Karim Haddad",
        "intro": "Un chantier participatif réussi est d'abord un chantier bien préparé : les bénévoles viennent "
                 "apprendre, et l'encadrement doit pouvoir transmettre en sécurité.",
        "points": ["Définir les tâches accessibles aux débutant·es", "Souscrire l'assurance adaptée et "
                   "déclarer le chantier", "Prévoir un·e encadrant·e pour six bénévoles",
                   "Organiser l'accueil, les repas et le bilan"],
    },
    {
        "kind": "methode", "owner": "hpf",
        "title": "Définir son programme : des envies du groupe au cahier des charges de l'architecte",
        "summary": "Passer des souhaits de chacun·e à un programme chiffré (logements, espaces partagés, "
                   "performance énergétique) que l'architecte pourra traduire en esquisse.",
        "themes": ("eco-construction",), "phases": ("conception",), "date": "2018-10-02",
        "keywords": ("programmation", "architecte", "espaces partagés"), "authors": "Thomas Le Goff, Claire Dumoulin",
        "intro": "Le programme est le document qui évite les allers-retours coûteux avec la maîtrise d'œuvre. Il "
                 "dit ce que le groupe veut, pas comment le construire.",
        "points": ["Inventorier les besoins de chaque foyer", "Décider des espaces partagés et de leur usage",
                   "Fixer les objectifs environnementaux et le budget", "Rédiger et faire valider le "
                   "cahier des charges"],
    },
    {
        "kind": "methode", "owner": "co", "status": "in_review", "visibility": "commons",
        "title": "Gérer les conflits dans un collectif : la méthode des trois temps",
        "summary": "Accueillir la tension, comprendre les besoins, décider ensemble : une méthode testée dans "
                   "plusieurs oasis pour traverser les conflits sans les laisser s'enkyster.",
        "themes": ("vivre-ensemble", "gouvernance"), "phases": ("vie-du-lieu",), "date": "2024-05-21",
        "keywords": ("conflit", "médiation", "communication non violente"), "authors": "Lucie Morvan",
        "intro": "Les conflits ne sont pas un échec du collectif : ils signalent un besoin non entendu. Ce qui "
                 "use les groupes, c'est de les repousser.",
        "points": ["Nommer la tension dans un espace prévu pour cela", "Écouter chaque partie, avec un tiers",
                   "Transformer les besoins en propositions", "Décider et fixer un rendez-vous de suivi"],
        "note": "Au-delà d'un certain niveau, faites appel à un·e médiateur·rice extérieur·e : personne dans le "
                "groupe ne peut être à la fois partie et arbitre.",
    },
    {
        "kind": "methode", "owner": "hls",
        "title": "Estimer les besoins en eau et en énergie d'un hameau autonome",
        "summary": "Un calcul pas à pas, foyer par foyer puis pour le hameau, pour dimensionner récupération "
                   "d'eau, stockage et production électrique sans surinvestir.",
        "themes": ("energie", "eau-assainissement"), "phases": ("conception",), "date": "2022-11-08",
        "keywords": ("autonomie", "dimensionnement", "sobriété"), "authors": "Yann Kerhervé",
        "intro": "Un habitat réversible peut être autonome vis-à-vis des réseaux, mais seulement si la "
                 "consommation est pensée avant les équipements.",
        "points": ["Relever les usages réels pendant une semaine", "Distinguer besoins quotidiens et pointes "
                   "saisonnières", "Calculer la surface de toiture et le volume de cuve",
                   "Dimensionner panneaux et batteries avec une marge d'hiver"],
    },
    # Dossiers -------------------------------------------------------------------------------------------------
    {
        "kind": "dossier", "owner": "hpf", "co": ("co", "hls"),
        "title": "Choisir entre SCI, SCIC et coopérative d'habitants",
        "summary": "Comparatif des statuts juridiques les plus utilisés par les groupes : propriété, "
                   "gouvernance, fiscalité, revente et ouverture à des partenaires extérieurs.",
        "themes": ("juridique",), "phases": ("montage",), "date": "2022-01-17",
        "keywords": ("statuts", "SCI", "SCIC", "coopérative d'habitants"), "authors": "Julien Marchand",
        "intro": "Depuis la loi ALUR, la coopérative d'habitants et la société d'attribution et d'autopromotion "
                 "s'ajoutent aux formes classiques. Le bon choix dépend de ce que le groupe veut faire de la "
                 "propriété et de la spéculation.",
        "points": ["Tableau comparatif des six statuts courants", "Propriété individuelle ou collective : ce "
                   "qui en découle", "La SCIC pour associer commune, habitants et structures", "Trois cas "
                   "réels et le statut retenu"],
        "note": "Aucun statut n'est neutre : il traduit un choix politique sur la propriété et la revente. "
                "Décidez du modèle avant de consulter un·e notaire.",
    },
    {
        "kind": "dossier", "owner": "hls", "co": ("hpf",),
        "title": "Habitat réversible et droit de l'urbanisme : le dossier complet",
        "summary": "Ce que disent le Code de l'urbanisme et la loi ALUR sur les résidences démontables, les "
                   "STECAL et les autorisations à demander selon la taille du projet.",
        "themes": ("urbanisme", "habitat-leger"), "phases": ("recherche-lieu", "montage"), "date": "2023-03-13",
        "keywords": ("résidences démontables", "STECAL", "PLU"), "authors": "Hameaux Légers",
        "intro": "La loi ALUR a reconnu les résidences démontables comme habitat permanent. Reste à les inscrire "
                 "dans le document d'urbanisme de la commune et à demander la bonne autorisation.",
        "points": ["Définition des résidences démontables (art. L.444-1 et R.111-51)", "Créer un STECAL ou "
                   "adapter une zone du PLU", "Déclaration préalable ou permis d'aménager", "Modèles de "
                   "courriers au service instructeur"],
    },
    {
        "kind": "dossier", "owner": "co", "visibility": "commons",
        "title": "Financer une oasis : épargne citoyenne, prêts et subventions",
        "summary": "Panorama des sources de financement d'un lieu collectif écologique, de l'apport des membres "
                   "aux prêts solidaires, avec les ordres de grandeur observés dans le réseau.",
        "themes": ("financement",), "phases": ("montage",), "date": "2021-05-10",
        "keywords": ("financement", "prêt solidaire", "épargne citoyenne"), "authors": "Pierre Lacombe",
        "intro": "Un projet d'oasis combine presque toujours plusieurs sources : apports, prêts bancaires, prêts "
                 "solidaires, comptes courants d'associés et parfois subventions pour la partie ouverte au public.",
        "points": ["Construire le plan de financement", "Ce que financent les banques éthiques",
                   "Les prêts de la Coopérative Oasis et leurs conditions", "Mobiliser son entourage : "
                   "comptes courants et titres participatifs"],
    },
    {
        "kind": "dossier", "owner": "hpf",
        "title": "Habitat participatif et bailleurs sociaux : monter un partenariat",
        "summary": "Comment un groupe peut s'associer à un organisme HLM pour rendre le projet accessible à des "
                   "ménages modestes, en locatif ou en accession.",
        "themes": ("financement", "territoire"), "phases": ("montage",), "date": "2019-09-23",
        "keywords": ("bailleur social", "HLM", "mixité"), "authors": "Habitat Participatif France",
        "intro": "Les partenariats avec les bailleurs sociaux se multiplient. Ils demandent d'accorder deux "
                 "cultures : celle de l'opérateur et celle du groupe qui veut décider.",
        "points": ["Les montages possibles : locatif, PSLA, BRS", "Répartir les rôles dans la conception",
                   "Attribution des logements et place du groupe", "Retours d'expérience de quatre "
                   "opérations"],
    },
    {
        "kind": "dossier", "owner": "co",
        "title": "Souveraineté alimentaire en oasis : du potager au partenariat paysan",
        "summary": "Produire une partie de son alimentation, soutenir les fermes voisines : les formes que prend "
                   "l'autonomie alimentaire dans les oasis, et ce qu'elle demande en temps.",
        "themes": ("agriculture", "territoire"), "phases": ("vie-du-lieu",), "date": "2020-03-16",
        "keywords": ("autonomie alimentaire", "AMAP", "permaculture"), "authors": "Coopérative Oasis",
        "intro": "Peu d'oasis visent l'autosuffisance ; beaucoup cherchent plutôt à relocaliser leur "
                 "alimentation en combinant potager collectif, élevage léger et achats aux paysan·nes.",
        "points": ["Évaluer le temps disponible avant de planter", "Potager collectif ou parcelles "
                   "individuelles ?", "Installer un·e paysan·ne sur le lieu", "Conserver et transformer"],
    },
    {
        "kind": "dossier", "owner": "hpf",
        "title": "Rénover un bâtiment existant en habitat participatif",
        "summary": "Corps de ferme, ancienne école, immeuble de centre-bourg : les atouts et les pièges de la "
                   "réhabilitation pour un groupe d'habitant·es.",
        "themes": ("renovation", "eco-construction"), "phases": ("recherche-lieu", "conception"),
        "date": "2025-06-02", "keywords": ("réhabilitation", "bâti ancien", "diagnostic"), "authors": "Claire Dumoulin",
        "intro": "Réhabiliter plutôt que construire évite d'artificialiser des sols et ancre le projet dans un "
                 "bourg, mais les mauvaises surprises du bâti ancien peuvent ruiner un budget.",
        "points": ["Les diagnostics à faire avant l'achat", "Isoler le bâti ancien sans le dégrader",
                   "Découper un bâtiment en logements et espaces communs", "Les aides à la rénovation "
                   "mobilisables"],
    },
    {
        "kind": "dossier", "owner": "hls", "status": "archived",
        "title": "Réglementation thermique et habitat léger : ce qui s'applique vraiment",
        "summary": "Point fait en 2016 sur la RT 2012 et les habitats démontables. Archivé : remplacé depuis "
                   "l'entrée en vigueur de la RE2020.",
        "themes": ("energie", "habitat-leger", "urbanisme"), "phases": ("conception",), "date": "2016-09-12",
        "keywords": ("RT 2012", "réglementation thermique"), "authors": "Hameaux Légers",
        "intro": "Ce dossier distinguait les habitats soumis à la réglementation thermique de ceux qui y "
                 "échappent (habitats mobiles, surfaces réduites).",
        "points": ["Champ d'application de la RT 2012", "Le cas des résidences démontables",
                   "Recommandations de confort d'hiver"],
        "note": "Conservé pour l'historique ; reportez-vous aux ressources récentes sur la RE2020.",
    },
    {
        "kind": "dossier", "owner": "hls",
        "title": "Monter un dossier de permis d'aménager pour un hameau léger",
        "summary": "Les pièces à réunir, le calendrier d'instruction et les points qui font échouer les dossiers "
                   "d'aménagement de terrains pour résidences démontables.",
        "themes": ("urbanisme", "habitat-leger"), "phases": ("montage", "conception"), "date": "2024-03-19",
        "keywords": ("permis d'aménager", "autorisation d'urbanisme", "instruction"), "authors": "Sophie Arnaud",
        "intro": "Au-delà de deux résidences démontables ou de 40 m² de surface de plancher cumulée, "
                 "l'aménagement du terrain demande un permis d'aménager ; en deçà, une déclaration préalable.",
        "points": ["Le plan de composition et la notice paysagère", "Prouver l'autonomie en eau, énergie et "
                   "assainissement", "Consulter le SPANC et les gestionnaires de réseaux", "Délais "
                   "d'instruction et affichage"],
    },
    # Tools ----------------------------------------------------------------------------------------------------
    {
        "kind": "outil", "owner": "hpf", "licence": "cc-by-4.0",
        "title": "Tableur de plan de financement d'un habitat participatif",
        "summary": "Un classeur prêt à remplir : coût d'opération, répartition entre foyers, emprunts et "
                   "mensualités, avec des exemples chiffrés.",
        "themes": ("financement",), "phases": ("montage",), "date": "2021-10-05",
        "keywords": ("plan de financement", "tableur", "budget"), "authors": "Julien Marchand",
        "intro": "Le tableur aide le groupe à vérifier que chaque foyer peut suivre, et à tester des clés de "
                 "répartition des espaces partagés.",
        "points": ["Saisir le coût d'opération par poste", "Choisir la clé de répartition (surface, quotient, "
                   "forfait)", "Renseigner apports et emprunts par foyer", "Lire les mensualités et le reste "
                   "à vivre"],
    },
    {
        "kind": "outil", "owner": "co", "co": ("hpf",),
        "title": "Grille d'auto-évaluation d'une oasis (cinq piliers)",
        "summary": "Un questionnaire pour faire le point, seul ou en groupe, sur l'alimentation, l'énergie, la "
                   "mutualisation, la gouvernance et l'ouverture du lieu.",
        "themes": ("gouvernance", "agriculture", "energie"), "phases": ("vie-du-lieu",), "date": "2025-03-10",
        "keywords": ("auto-évaluation", "observatoire", "cinq piliers"), "authors": "Comité scientifique des oasis",
        "intro": "La grille sert de miroir au collectif : elle ne classe pas les lieux, elle aide à repérer les "
                 "sujets à travailler et à suivre les progrès d'une année sur l'autre.",
        "points": ["Répondre individuellement aux 40 questions", "Comparer les réponses en réunion",
                   "Choisir deux axes de progrès pour l'année", "Refaire l'exercice un an plus tard"],
    },
    {
        "kind": "outil", "owner": "hls", "licence": "cc0-1.0",
        "title": "Calculateur de dimensionnement photovoltaïque autonome",
        "summary": "Une feuille de calcul qui estime la puissance crête et la capacité de batterie nécessaires à "
                   "un habitat léger hors réseau, mois par mois.",
        "themes": ("energie",), "phases": ("conception",), "date": "2023-06-26",
        "keywords": ("photovoltaïque", "autonomie", "batterie"), "authors": "Yann Kerhervé",
        "intro": "Le calculateur part des consommations relevées et de l'ensoleillement du département pour "
                 "éviter les deux erreurs classiques : un système trop petit en hiver ou surdimensionné.",
        "points": ["Lister les appareils et leur durée d'usage", "Choisir le département et l'inclinaison",
                   "Fixer le nombre de jours d'autonomie", "Lire la puissance et la capacité conseillées"],
    },
    {
        "kind": "outil", "owner": "hpf", "licence": "cc-by-nc-sa-4.0",
        "title": "Jeu de cartes : nos valeurs, nos limites",
        "summary": "Cinquante-deux cartes à imprimer pour faire émerger les valeurs du groupe et parler tôt des "
                   "sujets qui fâchent : argent, enfants, animaux, bruit.",
        "themes": ("vivre-ensemble", "gouvernance"), "phases": ("constitution",), "date": "2018-02-08",
        "keywords": ("jeu", "valeurs", "animation"), "authors": "Nadia Benali",
        "intro": "Le jeu rend plus facile une conversation que les groupes repoussent souvent : ce que chacun·e "
                 "accepte ou non dans la vie collective.",
        "points": ["Tirer une carte et y répondre en deux minutes", "Repérer les convergences et les écarts",
                   "Noter les sujets à approfondir", "Réutiliser les cartes lors des arrivées"],
    },
    {
        "kind": "outil", "owner": "co", "status": "draft", "visibility": "commons",
        "title": "Questionnaire d'enquête auprès des collectifs : modèle partagé",
        "summary": "Le socle de questions commun aux trois réseaux pour interroger les collectifs sur leur "
                   "projet, leurs habitant·es et leurs difficultés.",
        "themes": ("territoire",), "phases": ("vie-du-lieu",), "date": "2026-04-14",
        "keywords": ("enquête", "observatoire", "questionnaire"), "authors": "Karim Haddad, Julien Marchand",
        "intro": "Un questionnaire commun permet de comparer les réponses d'un réseau à l'autre et de suivre "
                 "l'évolution des projets dans le temps.",
        "points": ["Identifier le projet et son stade", "Décrire les habitant·es et les foyers",
                   "Recenser les difficultés rencontrées", "Recueillir le consentement à la recherche"],
        "note": "Version de travail, en relecture par les trois réseaux.",
    },
    {
        "kind": "outil", "owner": "hls", "licence": "cc-by-4.0",
        "title": "Carte des communes engagées dans une démarche de hameau léger",
        "summary": "Carte interactive des communes qui ont délibéré, lancé un appel à candidatures ou accueilli "
                   "des habitant·es, mise à jour chaque trimestre.",
        "themes": ("territoire", "foncier"), "phases": ("recherche-lieu",), "date": "2026-02-02",
        "keywords": ("carte", "communes", "données ouvertes"), "authors": "Hameaux Légers",
        "intro": "La carte aide les groupes à repérer les projets proches de chez eux et les élu·es à contacter "
                 "des homologues déjà engagés.",
        "points": ["Filtrer par stade d'avancement", "Ouvrir la fiche d'une commune", "Télécharger les "
                   "données au format CSV", "Signaler une correction"],
    },
    {
        "kind": "outil", "owner": "hpf",
        "title": "Rétroplanning type d'un projet d'habitat participatif",
        "summary": "Un diagramme des étapes, de la constitution du groupe à l'emménagement, avec les durées "
                   "observées et les points où les projets prennent du retard.",
        "themes": ("gouvernance",), "phases": ("emergence", "constitution", "montage", "conception", "chantier"),
        "date": "2019-12-09", "keywords": ("planning", "étapes", "durée"), "authors": "Claire Dumoulin",
        "intro": "Un projet d'habitat participatif dure en moyenne cinq à sept ans. Le rétroplanning aide à "
                 "anticiper les jalons et à garder le moral dans les phases d'attente.",
        "points": ["Partir de la date d'emménagement souhaitée", "Placer les jalons administratifs",
                   "Ajouter des marges aux étapes critiques", "Revoir le planning chaque trimestre"],
    },
    {
        "kind": "outil", "owner": "co", "visibility": "commons",
        "title": "Calendrier de chantier participatif et tableau des bénévoles",
        "summary": "Un modèle de planning partagé pour organiser les semaines de chantier, les inscriptions des "
                   "bénévoles, les repas et les besoins en outillage.",
        "themes": ("eco-construction",), "phases": ("chantier",), "date": "2020-08-31",
        "keywords": ("chantier participatif", "planning", "bénévoles"), "authors": "Karim Haddad",
        "intro": "Coordonner des dizaines de bénévoles sur plusieurs semaines demande un outil simple que tout le "
                 "monde peut consulter.",
        "points": ["Découper le chantier en lots et en semaines", "Ouvrir les inscriptions par créneau",
                   "Affecter un·e encadrant·e à chaque lot", "Suivre repas et hébergements"],
    },
    # FAQ ------------------------------------------------------------------------------------------------------
    {
        "kind": "faq", "owner": "hls", "title": "FAQ : habiter une tiny house à l'année, est-ce légal ?",
        "summary": "Les réponses aux questions les plus posées sur l'installation d'une tiny house comme "
                   "résidence principale : terrain, autorisations, adresse, assurance.",
        "themes": ("habitat-leger", "urbanisme"), "phases": ("emergence",), "date": "2024-09-16",
        "keywords": ("tiny house", "résidence principale", "légalité"), "authors": "Hameaux Légers",
        "intro": "Oui, c'est possible, à condition de s'installer sur un terrain où la règle d'urbanisme le "
                 "permet et d'obtenir l'autorisation adaptée.",
        "points": [("Puis-je installer ma tiny house sur n'importe quel terrain ?", "Non : le terrain doit être "
                    "en zone constructible ou dans un secteur prévu pour l'habitat démontable (STECAL)."),
                   ("Faut-il un permis ?", "Une tiny house sur roues qui reste plus de trois mois demande une "
                    "autorisation ; pour plusieurs habitats, l'aménagement du terrain en demande une aussi."),
                   ("Puis-je être domicilié·e dans ma tiny house ?", "Oui, dès lors qu'elle constitue votre "
                    "habitat permanent sur un terrain autorisé.")],
    },
    {
        "kind": "faq", "owner": "hpf", "status": "archived",
        "title": "FAQ : habitat participatif, les questions des premiers curieux",
        "summary": "La première FAQ du réseau, rédigée en 2016 pour les personnes qui découvrent l'habitat "
                   "participatif. Archivée au profit du MOOC.",
        "themes": ("vivre-ensemble", "juridique"), "phases": ("emergence",), "date": "2016-03-04",
        "keywords": ("découverte", "questions fréquentes"), "authors": "Habitat Participatif France",
        "intro": "Ces réponses courtes ont accompagné les premières années du réseau.",
        "points": [("Faut-il être riche pour faire de l'habitat participatif ?", "Non : des projets existent "
                    "en locatif social, en coopérative et en accession aidée."),
                   ("Combien de temps faut-il ?", "Comptez plusieurs années entre la constitution du groupe et "
                    "l'emménagement."),
                   ("Est-ce une communauté ?", "Non : chaque foyer a son logement ; certains espaces et "
                    "décisions sont partagés.")],
        "note": "Voir le chapitre 1 du MOOC habitat participatif pour une version à jour.",
    },
    {
        "kind": "faq", "owner": "co", "title": "FAQ : emprunter auprès de la Coopérative Oasis",
        "summary": "Qui peut emprunter, pour quels montants et à quelles conditions : les réponses aux "
                   "questions des collectifs qui préparent une demande de prêt.",
        "themes": ("financement",), "phases": ("montage",), "date": "2025-01-13",
        "keywords": ("prêt", "Coopérative Oasis", "dossier de financement"), "authors": "Pierre Lacombe",
        "intro": "La coopérative prête à des collectifs à partir de l'épargne de ses sociétaires, en complément "
                 "des banques.",
        "points": [("Qui peut déposer une demande ?", "Un collectif constitué en structure juridique, porteur "
                    "d'un projet de lieu de vie écologique et collectif."),
                   ("Quels montants ?", "Les prêts complètent le plan de financement ; ils ne le portent pas "
                    "seuls et sont étudiés au cas par cas."),
                   ("Faut-il être accompagné ?", "Un accompagnement est proposé pour consolider le dossier "
                    "avant le comité d'engagement.")],
    },
    {
        "kind": "faq", "owner": "hls", "title": "FAQ : eau, électricité et assainissement dans un hameau léger",
        "summary": "Raccordement ou autonomie ? Les questions techniques et réglementaires sur les réseaux, "
                   "posées par les communes comme par les futurs habitant·es.",
        "themes": ("eau-assainissement", "energie"), "phases": ("conception",), "date": "2022-06-20",
        "keywords": ("réseaux", "assainissement non collectif", "autonomie"), "authors": "Sophie Arnaud",
        "intro": "Un hameau léger peut être raccordé aux réseaux ou autonome ; le choix dépend du terrain, du "
                 "budget et de l'accord de la commune.",
        "points": [("Les toilettes sèches sont-elles autorisées ?", "Oui, l'arrêté du 7 septembre 2009 modifié "
                    "les autorise, avec une gestion des sous-produits sur la parcelle."),
                   ("Peut-on boire l'eau de pluie ?", "Non : l'eau de pluie récupérée sert aux toilettes, au "
                    "lavage et à l'arrosage ; l'eau potable vient du réseau ou d'un forage contrôlé."),
                   ("Qui contrôle l'assainissement ?", "Le SPANC valide le projet puis contrôle "
                    "l'installation.")],
    },
    {
        "kind": "faq", "owner": "hpf", "visibility": "commons",
        "title": "FAQ : revendre son logement en habitat participatif",
        "summary": "Clause d'agrément, prix de cession encadré, départ d'un associé : ce qui se passe quand un "
                   "foyer quitte le projet, selon le statut choisi.",
        "themes": ("juridique", "financement"), "phases": ("vie-du-lieu",), "date": "2023-11-27",
        "keywords": ("revente", "clause d'agrément", "anti-spéculation"), "authors": "Julien Marchand",
        "intro": "Le départ d'un foyer est prévu dès les statuts. Les règles varient beaucoup d'un montage à "
                 "l'autre.",
        "points": [("Le groupe peut-il choisir l'acquéreur ?", "Oui si les statuts prévoient une clause "
                    "d'agrément, dans les limites fixées par la loi."),
                   ("Le prix est-il libre ?", "En coopérative d'habitants, la valeur des parts est encadrée ; "
                    "en copropriété classique, il est libre."),
                   ("Combien de temps prend un départ ?", "Comptez plusieurs mois : recherche d'un foyer, "
                    "cooptation, actes.")],
    },
    {
        "kind": "faq", "owner": "co", "status": "in_review", "visibility": "commons",
        "title": "FAQ du comité scientifique : participer à une recherche",
        "summary": "Comment un collectif peut proposer une question de recherche, accueillir des chercheur·es "
                   "et garder la main sur l'usage des données qui le concernent.",
        "themes": ("territoire",), "phases": ("vie-du-lieu",), "date": "2026-06-08",
        "keywords": ("sciences participatives", "comité scientifique", "recherche-action"),
        "authors": "Comité scientifique des oasis",
        "intro": "Le comité scientifique rapproche habitant·es et chercheur·es autour de questions qui viennent "
                 "des collectifs.",
        "points": [("Comment proposer une question ?", "Par le formulaire du comité, qui l'étudie à sa "
                    "réunion trimestrielle."),
                   ("Nos données seront-elles publiées ?", "Seulement anonymisées et avec l'accord du "
                    "collectif."),
                   ("Qui finance les études ?", "Le comité cherche des financements projet par projet.")],
    },
    # Trainings ------------------------------------------------------------------------------------------------
    {
        "kind": "formation", "owner": "co", "title": "Formation « Créer une oasis » : programme des trois week-ends",
        "summary": "Le parcours de formation pour les porteur·ses de projet : vision, collectif, lieu, "
                   "financement et statuts, sur trois week-ends dans des oasis en activité.",
        "themes": ("gouvernance", "foncier", "financement"), "phases": ("emergence", "constitution"),
        "date": "2024-01-22", "keywords": ("formation", "porteurs de projet", "oasis"),
        "authors": "Coopérative Oasis",
        "intro": "À l'issue du parcours, les participant·es savent formuler leur vision, constituer un groupe "
                 "solide et bâtir une première feuille de route réaliste.",
        "points": ["Week-end 1 : vision, valeurs et constitution du groupe", "Week-end 2 : trouver et "
                   "évaluer un lieu", "Week-end 3 : financement, statuts et feuille de route",
                   "Entre les sessions : un travail en binôme"],
    },
    {
        "kind": "formation", "owner": "hpf", "visibility": "partner",
        "title": "Formation des accompagnateur·rices de projets d'habitat participatif",
        "summary": "Le programme interne de formation des professionnel·les qui accompagnent les groupes : "
                   "posture, outils d'animation, montage d'opération et déontologie.",
        "themes": ("gouvernance",), "phases": ("constitution", "montage"), "date": "2022-09-12",
        "keywords": ("accompagnement", "AMO", "posture"), "authors": "Habitat Participatif France",
        "intro": "Accompagner un groupe, c'est tenir deux rôles : l'expertise technique et l'animation d'un "
                 "collectif qui doit rester maître de ses décisions.",
        "points": ["Posture et déontologie de l'accompagnement", "Animer les réunions clés du projet",
                   "Suivre le montage d'opération", "Études de cas et supervision"],
    },
    {
        "kind": "formation", "owner": "hls",
        "title": "Formation des élu·es : accueillir un hameau léger dans sa commune",
        "summary": "Une journée pour les maires, adjoint·es et secrétaires de mairie : cadre juridique, foncier, "
                   "appel à candidatures et accompagnement du collectif.",
        "themes": ("territoire", "urbanisme"), "phases": ("recherche-lieu",), "date": "2025-04-07",
        "keywords": ("élus", "formation", "appel à candidatures"), "authors": "Gwenaëlle Le Bihan",
        "intro": "Donner aux élu·es les moyens de décider en connaissance de cause et de piloter un projet de "
                 "hameau léger de la délibération à l'installation.",
        "points": ["Le cadre : PLU, STECAL, autorisations", "Mettre le foncier à disposition par bail",
                   "Rédiger l'appel à candidatures", "Témoignage d'une commune engagée"],
    },
    {
        "kind": "formation", "owner": "co", "licence": "cc-by-nc-sa-4.0",
        "title": "Atelier « Faciliter les réunions de son collectif » : support de formation",
        "summary": "Le support d'un atelier de deux jours : préparer un ordre du jour, distribuer la parole, "
                   "gérer le temps et les tensions, conclure par une décision claire.",
        "themes": ("gouvernance",), "phases": ("constitution", "vie-du-lieu"), "date": "2019-06-03",
        "keywords": ("facilitation", "réunion", "animation"), "authors": "Élodie Fabre",
        "intro": "Des réunions mieux préparées font gagner des heures au collectif et évitent que les mêmes "
                 "personnes parlent toujours.",
        "points": ["Préparer : objectifs, ordre du jour, rôles", "Animer : tours de parole et gardien·ne du "
                   "temps", "Conclure : décisions et compte rendu", "Mises en situation filmées"],
    },
    {
        "kind": "formation", "owner": "hls", "status": "archived",
        "title": "Stage d'autoconstruction : ossature bois démontable (session 2021)",
        "summary": "Stage de dix jours pour apprendre à construire une ossature bois démontable, assemblée sans "
                   "colle ni béton. Session passée, archivée pour mémoire.",
        "themes": ("eco-construction", "habitat-leger"), "phases": ("chantier",), "date": "2021-07-05",
        "keywords": ("ossature bois", "stage", "autoconstruction"), "authors": "Yann Kerhervé",
        "intro": "Acquérir les gestes de base de la charpente et de l'ossature pour autoconstruire un habitat "
                 "réversible.",
        "points": ["Lire un plan et débiter", "Assemblages vissés et boulonnés", "Lever les murs et la "
                   "charpente", "Démonter et remonter"],
        "note": "Les prochaines sessions sont annoncées dans l'agenda du réseau.",
    },
    {
        "kind": "formation", "owner": "hpf", "status": "draft", "visibility": "partner",
        "title": "Module e-learning : le montage financier pas à pas",
        "summary": "Un module en ligne de trois heures pour comprendre le coût d'une opération, les emprunts "
                   "collectifs et individuels et les garanties demandées par les banques.",
        "themes": ("financement",), "phases": ("montage",), "date": "2026-10-05",
        "keywords": ("e-learning", "montage financier", "banque"), "authors": "Julien Marchand",
        "intro": "Rendre le groupe autonome pour lire un plan de financement et dialoguer avec les banques.",
        "points": ["Le coût d'une opération", "Emprunts collectifs et individuels", "Garanties et "
                   "assurances", "Quiz final"],
        "note": "En cours d'écriture ; relecture prévue par le groupe de travail financement.",
    },
    # Testimonies ----------------------------------------------------------------------------------------------
    {
        "kind": "temoignage", "owner": "co",
        "title": "Témoignage : l'oasis des Trois Chênes a rénové une longère en paille",
        "summary": "Huit adultes, une longère de 1870 et deux ans de chantier : le collectif raconte ses choix "
                   "techniques, son budget et ce que le chantier a fait au groupe.",
        "themes": ("renovation", "eco-construction"), "phases": ("chantier",), "date": "2020-10-12",
        "keywords": ("paille", "longère", "rénovation"), "authors": "Oasis des Trois Chênes",
        "intro": "Le collectif a acheté une longère en pierre sans isolation ni chauffage central. Il a choisi "
                 "une isolation en paille par l'extérieur et des enduits terre et chaux.",
        "points": ["Un diagnostic sérieux évite les mauvaises surprises", "Les chantiers participatifs "
                   "demandent une vraie organisation", "Le budget a dépassé de 18 %, surtout sur la toiture",
                   "Le chantier a soudé le groupe, mais a épuisé deux membres"],
        "note": "« Nous prendrions un·e encadrant·e de chantier salarié·e dès le début, plutôt que de tout "
                "porter nous-mêmes. »",
    },
    {
        "kind": "temoignage", "owner": "hls",
        "title": "Témoignage : premier hiver en yourte au hameau de Kerlann",
        "summary": "Une famille raconte son premier hiver breton en yourte : chauffage au bois, humidité, "
                   "consommation électrique et vie de hameau.",
        "themes": ("habitat-leger", "energie"), "phases": ("emmenagement",), "date": "2022-02-28",
        "keywords": ("yourte", "hiver", "chauffage au bois"), "authors": "Famille Le Corre",
        "intro": "Installés en septembre dans une yourte de 50 m² sur plancher isolé, ils ont tenu un journal "
                 "de bord de novembre à mars.",
        "points": ["Trois stères de bois pour l'hiver", "L'humidité se gère par la ventilation, pas le "
                   "chauffage", "Les panneaux ont suffi sauf en décembre", "La solidarité du hameau compte "
                   "autant que l'isolation"],
    },
    {
        "kind": "temoignage", "owner": "hpf", "title": "Témoignage : dix ans de vie au Clos des Voisins",
        "summary": "Quatorze foyers, une maison commune et dix ans de réunions : les habitant·es d'un habitat "
                   "participatif périurbain font le bilan.",
        "themes": ("vivre-ensemble", "gouvernance"), "phases": ("vie-du-lieu",), "date": "2025-09-15",
        "keywords": ("bilan", "vie collective", "maison commune"), "authors": "Habitant·es du Clos des Voisins",
        "intro": "Livré en 2015, le Clos des Voisins a vu naître douze enfants, partir trois foyers et changer "
                 "deux fois sa manière de décider.",
        "points": ["La maison commune vit grâce à des rituels simples", "La gouvernance doit évoluer avec "
                   "le groupe", "L'arrivée de nouveaux foyers se prépare", "Le jardin partagé a remplacé les "
                   "clôtures"],
    },
    {
        "kind": "temoignage", "owner": "co", "title": "Toilettes sèches et phytoépuration : retour d'expérience",
        "summary": "Cinq ans après l'installation, une oasis de vingt personnes détaille le fonctionnement, "
                   "l'entretien et les coûts de son assainissement écologique.",
        "themes": ("eau-assainissement",), "phases": ("conception", "vie-du-lieu"), "date": "2019-04-15",
        "keywords": ("toilettes sèches", "phytoépuration", "SPANC"), "authors": "Oasis du Ruisseau",
        "intro": "Le lieu combine toilettes sèches à litière, compostage sur place et un filtre planté de "
                 "roseaux pour les eaux grises.",
        "points": ["Le SPANC a été associé dès la conception", "Le compostage demande un rôle dédié et un "
                   "planning", "Le filtre planté tient ses promesses avec un entretien annuel",
                   "Le coût a été deux fois moindre qu'une micro-station"],
    },
    {
        "kind": "temoignage", "owner": "hls", "title": "Témoignage : une maire raconte l'arrivée du hameau léger",
        "summary": "La maire d'une commune de 600 habitant·es revient sur trois ans de projet : débat au conseil, "
                   "réunion publique houleuse, puis arrivée de sept foyers.",
        "themes": ("territoire",), "phases": ("recherche-lieu", "vie-du-lieu"), "date": "2024-06-03",
        "keywords": ("élue", "commune", "acceptation"), "authors": "Hameaux Légers",
        "intro": "Le terrain communal était en friche depuis vingt ans. La commune l'a mis à disposition par "
                 "bail emphytéotique après un appel à candidatures.",
        "points": ["Associer les riverain·es tôt désamorce les craintes", "La réunion publique a été le "
                   "tournant", "L'école a rouvert une classe", "Les habitant·es ont rejoint le comité des "
                   "fêtes"],
    },
    {
        "kind": "temoignage", "owner": "hpf",
        "title": "Témoignage : habitat participatif intergénérationnel en centre-bourg",
        "summary": "Un ancien presbytère transformé en neuf logements pour des retraité·es et des jeunes "
                   "familles, en partenariat avec la commune et un bailleur social.",
        "themes": ("vivre-ensemble", "renovation", "territoire"), "phases": ("vie-du-lieu",),
        "date": "2021-12-06", "keywords": ("intergénérationnel", "centre-bourg", "presbytère"),
        "authors": "Les Voisins du Presbytère",
        "intro": "Le projet est né d'une association de retraité·es qui voulait vieillir ensemble sans quitter le "
                 "bourg, rejointe ensuite par trois jeunes familles.",
        "points": ["L'entraide entre générations se construit, elle ne se décrète pas", "Le bailleur a "
                   "rendu le projet accessible", "La commune a gagné un lieu ouvert aux associations",
                   "L'accessibilité a coûté cher mais reste indispensable"],
    },
    {
        "kind": "temoignage", "owner": "co", "visibility": "partner",
        "title": "Témoignage : quand le groupe se sépare d'un membre fondateur",
        "summary": "Récit sans fard d'une exclusion dans une oasis : les signaux ignorés, la médiation, la "
                   "décision et la reconstruction du collectif.",
        "themes": ("gouvernance", "vivre-ensemble"), "phases": ("vie-du-lieu",), "date": "2023-05-22",
        "keywords": ("exclusion", "médiation", "crise"), "authors": "Anonyme",
        "intro": "Témoignage réservé aux membres du réseau, à la demande du collectif, pour aider d'autres groupes "
                 "à prévenir ce type de crise.",
        "points": ["Les statuts ne prévoyaient pas l'exclusion", "La médiation est arrivée trop tard",
                   "La décision a été prise par consentement, moins une voix", "Le groupe a réécrit sa "
                   "charte"],
    },
    {
        "kind": "temoignage", "owner": "hls",
        "title": "Témoignage : d'une ferme maraîchère à un hameau de six tiny houses",
        "summary": "Un couple de maraîcher·es a ouvert sa ferme à cinq foyers en habitat léger : montage, "
                   "répartition du travail agricole et cohabitation avec l'activité.",
        "themes": ("agriculture", "habitat-leger"), "phases": ("montage", "chantier"), "date": "2024-11-18",
        "keywords": ("ferme", "tiny house", "maraîchage"), "authors": "Mathis Roussel",
        "intro": "La ferme manquait de bras et de logements pour les saisonniers. Le hameau a répondu aux deux, "
                 "après deux ans de démarches avec la commune et la chambre d'agriculture.",
        "points": ["Un STECAL en zone agricole, obtenu à la révision du PLU", "Des heures de maraîchage "
                   "contre une partie du loyer", "Des habitats posés sur pieux vissés", "Une AMAP créée avec "
                   "le voisinage"],
    },
    {
        "kind": "temoignage", "owner": "hpf",
        "title": "Témoignage : l'échec de notre premier terrain, et ce qu'il nous a appris",
        "summary": "Un groupe raconte comment il a perdu un terrain après deux ans de négociation, et pourquoi "
                   "le second projet a abouti.",
        "themes": ("foncier",), "phases": ("recherche-lieu",), "date": "2017-08-21",
        "keywords": ("foncier", "échec", "promesse de vente"), "authors": "Groupe Les Tilleuls",
        "intro": "Le groupe avait trouvé un terrain idéal, mais sans promesse de vente signée ni financement "
                 "sécurisé, un promoteur l'a emporté.",
        "points": ["Signer une promesse avec conditions suspensives", "Prévoir l'indemnité d'immobilisation",
                   "S'appuyer sur la collectivité", "Ne pas dessiner avant d'avoir le terrain"],
    },
    {
        "kind": "temoignage", "owner": "co", "lang": "en", "licence": "cc-by-4.0",
        "title": "Straw-bale renovation of a French farmhouse: lessons learned",
        "summary": "An English summary of the Trois Chênes oasis renovation for European partners: technical "
                   "choices, costs and the place of volunteer work sites.",
        "themes": ("renovation", "eco-construction"), "phases": ("chantier",), "date": "2021-02-15",
        "keywords": ("straw bale", "renovation", "volunteers"), "authors": "Coopérative Oasis",
        "intro": "Eight adults insulated a nineteenth-century stone farmhouse with straw bales and clay plaster, "
                 "relying on volunteer work sites for most of the labour.",
        "points": ["A thorough survey before buying saved the budget", "Volunteer work sites need paid "
                   "supervision", "Roofing was the main cost overrun", "Clay plaster regulates indoor humidity "
                   "well"],
        "note": "The full French testimony and the video of the work site are in the commons.",
    },
    # Templates and blank contracts ----------------------------------------------------------------------------
    {
        "kind": "modele", "owner": "hls", "co": ("co",), "title": "Bail emphytéotique : modèle commenté",
        "summary": "Un modèle de bail emphytéotique entre une commune et une structure d'habitant·es, article "
                   "par article, avec les choix à faire et leurs conséquences.",
        "themes": ("foncier", "juridique"), "phases": ("montage",), "date": "2022-08-29",
        "keywords": ("bail emphytéotique", "commune", "foncier"), "authors": "Hameaux Légers",
        "intro": "Le bail emphytéotique, conclu pour 18 à 99 ans, donne au preneur des droits réels sur le "
                 "terrain tout en laissant la propriété à la commune.",
        "points": ["Durée et conditions de renouvellement", "Redevance : montant, indexation, franchise",
                   "Destination du terrain et charte du hameau", "Sort des habitats en fin de bail"],
        "note": "Les commentaires en marge expliquent chaque option ; un acte notarié est nécessaire.",
    },
    {
        "kind": "modele", "owner": "hpf", "title": "Modèle de statuts de coopérative d'habitants",
        "summary": "Des statuts types de coopérative d'habitants conformes à la loi ALUR, avec les clauses "
                   "anti-spéculatives et les règles de gouvernance les plus courantes.",
        "themes": ("juridique",), "phases": ("montage",), "date": "2020-02-17",
        "keywords": ("coopérative d'habitants", "statuts", "loi ALUR"), "authors": "Habitat Participatif France",
        "intro": "La coopérative d'habitants rend les membres à la fois locataires de leur logement et associés "
                 "de la société propriétaire.",
        "points": ["Objet social et forme de la société", "Parts sociales et encadrement de leur valeur",
                   "Gouvernance : une personne, une voix", "Entrée et sortie des associés"],
    },
    {
        "kind": "modele", "owner": "hpf", "status": "archived",
        "title": "Convention d'occupation temporaire pour un groupe en phase d'essai",
        "summary": "Un modèle de convention permettant à un groupe d'occuper un lieu quelques mois avant de "
                   "s'engager. Archivé : à remplacer par le modèle de commodat.",
        "themes": ("foncier", "juridique"), "phases": ("recherche-lieu",), "date": "2018-05-14",
        "keywords": ("occupation temporaire", "convention"), "authors": "Habitat Participatif France",
        "intro": "Tester la vie sur place avant d'acheter évite bien des déconvenues ; encore faut-il un cadre.",
        "points": ["Durée et renouvellement", "Conditions d'usage des lieux", "Assurance et responsabilité"],
        "note": "Voir le modèle de contrat de prêt à usage, plus récent.",
    },
    {
        "kind": "modele", "owner": "co", "visibility": "commons", "title": "Règlement intérieur type d'une oasis",
        "summary": "Un règlement intérieur à adapter : usage des espaces partagés, accueil des visiteurs, "
                   "animaux, participation aux tâches et gestion des conflits.",
        "themes": ("gouvernance", "vivre-ensemble"), "phases": ("emmenagement", "vie-du-lieu"),
        "date": "2021-03-29", "keywords": ("règlement intérieur", "espaces partagés"), "authors": "Élodie Fabre",
        "intro": "Le règlement intérieur précise au quotidien ce que la charte énonce en principes.",
        "points": ["Espaces partagés : réservation et entretien", "Accueil des visiteurs et des "
                   "bénévoles", "Participation aux tâches collectives", "Procédure en cas de désaccord"],
    },
    {
        "kind": "modele", "owner": "hls", "title": "Contrat de prêt à usage (commodat) pour une parcelle",
        "summary": "Un contrat vierge pour mettre gratuitement une parcelle à disposition d'un collectif pendant "
                   "une phase de test ou de préfiguration.",
        "themes": ("foncier", "juridique"), "phases": ("recherche-lieu",), "date": "2023-08-21",
        "keywords": ("commodat", "prêt à usage", "parcelle"), "authors": "Sophie Arnaud",
        "intro": "Le prêt à usage est gratuit par nature : dès qu'une contrepartie est demandée, il faut passer "
                 "à un bail.",
        "points": ["Désignation de la parcelle et de l'usage", "Durée et reprise par le prêteur",
                   "Entretien et responsabilité", "Restitution du terrain en l'état"],
    },
    {
        "kind": "modele", "owner": "co", "status": "in_review", "visibility": "commons",
        "title": "Pacte d'associés : modèle pour une SCI ou une SAS d'oasis",
        "summary": "Un pacte d'associés qui complète les statuts : engagement dans le projet, apports en "
                   "industrie, sortie d'un associé et règlement des différends.",
        "themes": ("juridique", "financement"), "phases": ("montage",), "date": "2024-04-15",
        "keywords": ("pacte d'associés", "SAS", "SCI"), "authors": "Pierre Lacombe",
        "intro": "Les statuts sont publics et rigides ; le pacte, confidentiel, organise ce que le collectif "
                 "veut se promettre.",
        "points": ["Engagements de chacun·e dans le projet", "Valorisation des apports en travail",
                   "Sortie, préemption et prix de cession", "Médiation avant tout contentieux"],
    },
    {
        "kind": "modele", "owner": "hpf", "licence": "cc0-1.0",
        "title": "Convention de chantier participatif (modèle vierge)",
        "summary": "La convention à faire signer aux bénévoles : tâches, encadrement, sécurité, assurance et "
                   "absence de rémunération.",
        "themes": ("eco-construction", "juridique"), "phases": ("chantier",), "date": "2019-07-01",
        "keywords": ("chantier participatif", "bénévolat", "convention"), "authors": "Habitat Participatif France",
        "intro": "La convention clarifie que le chantier est un échange de savoir-faire, et non du travail "
                 "dissimulé.",
        "points": ["Identité des parties et dates", "Tâches et encadrement", "Équipements de protection "
                   "et assurance", "Contreparties (repas, hébergement, formation)"],
    },
    {
        "kind": "modele", "owner": "hls", "licence": "etalab-2.0",
        "title": "Délibération type du conseil municipal pour un hameau léger",
        "summary": "Un modèle de délibération pour engager la commune : principe du projet, terrain concerné, "
                   "appel à candidatures et mandat donné au maire.",
        "themes": ("territoire", "urbanisme"), "phases": ("recherche-lieu",), "date": "2025-02-10",
        "keywords": ("délibération", "conseil municipal", "appel à candidatures"), "authors": "Hameaux Légers",
        "intro": "La délibération de principe sécurise le projet et montre aux futurs habitant·es que la "
                 "commune s'engage.",
        "points": ["Exposé des motifs", "Désignation du terrain communal", "Lancement de l'appel à "
                   "candidatures", "Autorisation donnée au maire de signer"],
    },
    # Plans ----------------------------------------------------------------------------------------------------
    {
        "kind": "plan", "owner": "hls", "licence": "cc-by-4.0",
        "title": "Plan de masse type d'un hameau léger de huit habitats",
        "summary": "Une implantation type sur 5 000 m² : huit parcelles privatives, une maison commune, un "
                   "jardin partagé, les stationnements et les réseaux.",
        "themes": ("habitat-leger", "urbanisme"), "phases": ("conception",), "date": "2021-06-14",
        "keywords": ("plan de masse", "implantation", "maison commune"), "authors": "Atelier Terre et Toit",
        "intro": "Le plan illustre les principes d'implantation : habitats orientés au sud, voitures en "
                 "entrée de hameau, espaces communs au centre.",
        "points": ["Parcelles privatives de 250 à 350 m²", "Maison commune de 60 m²", "Stationnement "
                   "regroupé", "Noues pour les eaux pluviales"],
    },
    {
        "kind": "plan", "owner": "hls", "title": "Plans d'une tiny house de 18 m² (remorque 7,20 m)",
        "summary": "Plans, coupes et nomenclature d'une tiny house à ossature bois avec mezzanine, conçue pour "
                   "l'autoconstruction.",
        "themes": ("habitat-leger", "eco-construction"), "phases": ("conception", "chantier"),
        "date": "2020-05-11", "keywords": ("tiny house", "plans", "ossature bois"), "authors": "Yann Kerhervé",
        "intro": "Les plans respectent le gabarit routier et visent un poids total sous 3,5 tonnes.",
        "points": ["Ossature en douglas, isolation fibre de bois", "Mezzanine de couchage et rangements",
                   "Coin cuisine et salle d'eau avec toilettes sèches", "Nomenclature et estimation des "
                   "poids"],
    },
    {
        "kind": "plan", "owner": "hpf", "title": "Plans de la maison commune du Clos des Voisins",
        "summary": "Les plans de la maison commune d'un habitat participatif de quatorze foyers : salle, cuisine "
                   "partagée, buanderie et chambres d'amis.",
        "themes": ("vivre-ensemble", "eco-construction"), "phases": ("conception",), "date": "2016-11-21",
        "keywords": ("maison commune", "espaces partagés", "buanderie"), "authors": "Atelier Canopée",
        "intro": "La maison commune de 140 m² a été pensée pour des usages multiples, du repas partagé à la "
                 "fête d'anniversaire.",
        "points": ["Salle commune de 60 m² avec cuisine", "Buanderie pour quatorze foyers",
                   "Deux chambres d'amis mutualisées", "Atelier et local vélos"],
    },
    {
        "kind": "plan", "owner": "co", "title": "Plan de zonage permacole d'une oasis de trois hectares",
        "summary": "Un plan de design en permaculture : zones d'usage, verger, potager, mare, haies et "
                   "circulations, avec la logique qui les organise.",
        "themes": ("agriculture",), "phases": ("conception", "vie-du-lieu"), "date": "2018-03-26",
        "keywords": ("permaculture", "zonage", "verger"), "authors": "Oasis de la Combe",
        "intro": "Le zonage place au plus près des habitations ce qui demande le plus d'attention, et au plus "
                 "loin ce qui vit seul.",
        "points": ["Zone 1 : potager et aromatiques", "Zone 2 : verger et poulailler", "Zone 3 : prairie "
                   "et bois", "Mare et haies brise-vent"],
    },
    {
        "kind": "plan", "owner": "hls", "visibility": "commons",
        "title": "Schéma d'une filière de phytoépuration pour quinze équivalents-habitants",
        "summary": "Schéma de principe et coupe d'un filtre planté de roseaux à deux étages, dimensionné pour "
                   "un hameau léger de six foyers.",
        "themes": ("eau-assainissement",), "phases": ("conception",), "date": "2023-09-04",
        "keywords": ("phytoépuration", "filtre planté", "assainissement"), "authors": "Sophie Arnaud",
        "intro": "La filière traite les eaux grises du hameau, les toilettes étant sèches.",
        "points": ["Dégraisseur et regard de répartition", "Premier étage vertical", "Second étage "
                   "horizontal", "Rejet par infiltration"],
    },
    {
        "kind": "plan", "owner": "hpf", "status": "draft", "visibility": "partner",
        "title": "Plans de réhabilitation d'un corps de ferme en six logements",
        "summary": "Esquisse d'un groupe accompagné : découpage d'un corps de ferme en six logements, une salle "
                   "commune et un atelier.",
        "themes": ("renovation",), "phases": ("conception",), "date": "2026-03-16",
        "keywords": ("corps de ferme", "réhabilitation", "esquisse"), "authors": "Thomas Le Goff",
        "intro": "Esquisse en cours de discussion avec le groupe, partagée avec son accord pour les membres du "
                 "réseau.",
        "points": ["Six logements du T2 au T5", "Salle commune dans l'ancienne grange", "Atelier dans "
                   "l'étable", "Chaufferie bois collective"],
        "note": "Version provisoire : ne pas diffuser hors du réseau.",
    },
    # Scientific documents -------------------------------------------------------------------------------------
    {
        "kind": "document-scientifique", "owner": "co", "licence": "cc-by-4.0", "visibility": "commons",
        "title": "Sobriété énergétique mesurée dans douze oasis (2019-2022)",
        "summary": "Trois ans de relevés de consommation d'énergie dans douze lieux collectifs, comparés à la "
                   "moyenne des ménages français.",
        "themes": ("energie",), "phases": ("vie-du-lieu",), "date": "2023-01-30",
        "keywords": ("sobriété", "consommation d'énergie", "mesures"), "authors": "Comité scientifique des oasis",
        "intro": "L'étude mesure l'effet de la mutualisation sur les consommations : les oasis étudiées "
                 "consomment nettement moins d'énergie par personne que la moyenne nationale.",
        "points": ["La mutualisation des équipements explique une large part de l'écart", "Le chauffage "
                   "reste le premier poste", "Les lieux rénovés consomment plus que les constructions neuves",
                   "Les écarts entre foyers d'un même lieu sont importants"],
        "note": "Échantillon réduit et volontaire : les résultats décrivent ces lieux, pas l'ensemble des "
                "oasis.",
    },
    {
        "kind": "document-scientifique", "owner": "hpf", "licence": "etalab-2.0", "status": "in_review",
        "visibility": "commons",
        "title": "Freins institutionnels au développement de l'habitat participatif : analyse",
        "summary": "Analyse des obstacles rencontrés par les groupes auprès des banques, assureurs, notaires "
                   "et collectivités, à partir d'entretiens et de la base de données des projets.",
        "themes": ("territoire", "juridique", "financement"), "phases": ("montage",), "date": "2026-05-18",
        "keywords": ("freins institutionnels", "politiques publiques", "plaidoyer"),
        "authors": "Habitat Participatif France",
        "intro": "Le rapport identifie les points de blocage récurrents et propose des pistes d'évolution "
                 "réglementaire et de pratiques professionnelles.",
        "points": ["Le financement des groupes sans promoteur reste difficile", "Les assureurs connaissent "
                   "mal la maîtrise d'ouvrage collective", "L'accès au foncier dépend de la volonté des élu·es",
                   "Les statuts ALUR sont encore peu utilisés"],
    },
    {
        "kind": "document-scientifique", "owner": "hls", "licence": "cc-by-4.0",
        "title": "Enquête auprès des habitant·es de hameaux légers : profils et motivations",
        "summary": "Résultats d'une enquête par questionnaire auprès des habitant·es et candidat·es : âge, "
                   "revenus, parcours résidentiel et raisons du choix de l'habitat léger.",
        "themes": ("habitat-leger", "vivre-ensemble"), "phases": ("vie-du-lieu",), "date": "2024-12-09",
        "keywords": ("enquête", "profils", "motivations"), "authors": "Hameaux Légers",
        "intro": "L'enquête éclaire qui choisit l'habitat léger et pourquoi : le coût du logement et le désir "
                 "de sobriété arrivent en tête.",
        "points": ["Une majorité de 25-45 ans", "Des revenus souvent modestes", "Le coût du logement, "
                   "première motivation", "Un fort désir d'ancrage local"],
    },
    {
        "kind": "document-scientifique", "owner": "co", "lang": "en", "licence": "cc-by-4.0",
        "title": "Ecovillages and wellbeing: a literature review",
        "summary": "A review of studies on wellbeing, social ties and ecological footprint in intentional "
                   "communities and ecovillages in Europe.",
        "themes": ("vivre-ensemble",), "phases": ("vie-du-lieu",), "date": "2021-08-23",
        "keywords": ("wellbeing", "ecovillages", "literature review"), "authors": "Oasis scientific committee",
        "intro": "The review gathers qualitative and quantitative studies published over two decades and "
                 "discusses what they can and cannot tell us about life in oases.",
        "points": ["Residents report strong social support", "Footprints are lower but vary widely",
                   "Few longitudinal studies exist", "Governance conflicts are under-documented"],
        "note": "Written in English for exchanges with European research partners.",
    },
    {
        "kind": "document-scientifique", "owner": "hpf", "lang": "en",
        "title": "Community-led housing in France: an overview for European partners",
        "summary": "How participatory housing developed in France, the legal forms created in 2014 and the "
                   "role of networks, local authorities and social landlords.",
        "themes": ("juridique", "territoire"), "phases": ("emergence", "montage"), "date": "2022-10-10",
        "keywords": ("community-led housing", "France", "overview"), "authors": "Habitat Participatif France",
        "intro": "This overview was prepared for a European exchange on community-led housing.",
        "points": ["From 1970s self-build groups to the 2014 ALUR law", "Housing cooperatives and "
                   "self-promotion companies", "Partnerships with social landlords", "Current obstacles"],
    },
    {
        "kind": "document-scientifique", "owner": "hls",
        "title": "Confort d'été dans les habitats légers : campagne de mesures",
        "summary": "Températures intérieures relevées pendant l'été 2025 dans quinze habitats légers : tiny "
                   "houses, yourtes et maisons ossature bois.",
        "themes": ("energie", "habitat-leger"), "phases": ("conception", "vie-du-lieu"), "date": "2025-08-25",
        "keywords": ("confort d'été", "surchauffe", "mesures"), "authors": "Yann Kerhervé, Sophie Arnaud",
        "intro": "Les habitats légers ont peu d'inertie : la campagne mesure leur comportement pendant les "
                 "épisodes de chaleur et les solutions qui marchent.",
        "points": ["L'ombrage extérieur est le levier le plus efficace", "La ventilation nocturne compense "
                   "le manque d'inertie", "Les yourtes surchauffent moins que prévu", "Les toitures claires "
                   "réduisent les pics"],
    },
    {
        "kind": "document-scientifique", "owner": "co", "status": "archived",
        "title": "Recensement des oasis 2015 : premiers résultats",
        "summary": "Le premier recensement des lieux collectifs écologiques en France. Archivé : remplacé par "
                   "les enquêtes annuelles de l'observatoire.",
        "themes": ("territoire",), "phases": ("emergence",), "date": "2015-11-16",
        "keywords": ("recensement", "oasis", "cartographie"), "authors": "Coopérative Oasis",
        "intro": "Ce premier état des lieux a permis de dessiner la carte des oasis existantes et en projet.",
        "points": ["Une centaine de lieux recensés", "Des projets concentrés dans le sud et l'ouest",
                   "Une majorité de projets en émergence"],
    },
    # MOOC chapters --------------------------------------------------------------------------------------------
    {
        "kind": "chapitre-mooc", "owner": "hpf",
        "title": "Les phases d'un projet d'habitat participatif (MOOC, chapitre 1)",
        "summary": "Le premier chapitre du MOOC habitat participatif : les grandes étapes d'un projet, les "
                   "acteurs à chaque étape et les durées à prévoir.",
        "themes": ("gouvernance",), "phases": ("emergence", "constitution"), "date": "2020-09-14",
        "keywords": ("MOOC", "étapes", "parcours pédagogique"), "authors": "Habitat Participatif France",
        "intro": "À la fin du chapitre, vous saurez situer votre projet dans les grandes phases et identifier "
                 "vos prochains interlocuteurs.",
        "points": ["De l'envie au groupe", "Du groupe au lieu", "Du lieu au montage", "Du chantier à la vie "
                   "collective"],
        "note": "Placez votre projet sur la frise des phases et partagez-la sur le forum.",
    },
    {
        "kind": "chapitre-mooc", "owner": "hpf",
        "title": "Constituer et faire vivre le groupe (MOOC habitat participatif, chapitre 2)",
        "summary": "Deuxième chapitre : recruter, se choisir, décider ensemble et traverser les premières "
                   "tensions.",
        "themes": ("gouvernance", "vivre-ensemble"), "phases": ("constitution",), "date": "2020-09-21",
        "keywords": ("MOOC", "groupe", "gouvernance"), "authors": "Habitat Participatif France",
        "intro": "Ce chapitre donne les outils pour que le groupe tienne dans la durée.",
        "points": ["Recruter et se choisir", "Décider ensemble", "Écrire sa charte", "Traverser les "
                   "premières tensions"],
        "note": "Organisez une réunion d'une heure avec le jeu de cartes « nos valeurs, nos limites ».",
    },
    {
        "kind": "chapitre-mooc", "owner": "hls", "title": "MOOC Habiter léger, chapitre 1 : pourquoi habiter léger ?",
        "summary": "Ouverture du MOOC : ce que recouvre l'habitat léger, ses promesses et ses contraintes, "
                   "et les formes qu'il prend en France.",
        "themes": ("habitat-leger", "energie"), "phases": ("emergence",), "date": "2025-10-06",
        "keywords": ("MOOC", "habitat léger", "sobriété"), "authors": "Hameaux Légers",
        "intro": "Comprendre les motivations et les réalités de l'habitat léger avant de se lancer.",
        "points": ["Tiny houses, yourtes, cabanes : un panorama", "Sobriété et coût du logement",
                   "Ce que dit la loi", "Témoignages d'habitant·es"],
    },
    {
        "kind": "chapitre-mooc", "owner": "hls",
        "title": "MOOC Habiter léger, chapitre 2 : trouver un terrain et une commune",
        "summary": "Deuxième chapitre : chercher du foncier, comprendre le PLU et construire une relation de "
                   "confiance avec une commune.",
        "themes": ("foncier", "urbanisme"), "phases": ("recherche-lieu",), "date": "2025-10-13",
        "keywords": ("MOOC", "foncier", "PLU"), "authors": "Hameaux Légers",
        "intro": "À la fin du chapitre, vous saurez lire un PLU et préparer une rencontre avec des élu·es.",
        "points": ["Lire un PLU et repérer les zones possibles", "Le STECAL expliqué", "Approcher une "
                   "commune", "Baux et conventions"],
        "note": "Cherchez le PLU de votre commune sur le Géoportail de l'urbanisme et repérez le zonage de "
                "trois parcelles.",
    },
    {
        "kind": "chapitre-mooc", "owner": "hls", "status": "in_review",
        "title": "MOOC Habiter léger, chapitre 3 : concevoir son habitat réversible",
        "summary": "Troisième chapitre : choisir son type d'habitat, concevoir pour le confort d'hiver comme "
                   "d'été et penser l'autonomie.",
        "themes": ("eco-construction", "habitat-leger"), "phases": ("conception",), "date": "2025-11-03",
        "keywords": ("MOOC", "conception", "réversibilité"), "authors": "Hameaux Légers",
        "intro": "Ce chapitre aide à faire des choix techniques cohérents avec son mode de vie et son budget.",
        "points": ["Choisir son habitat", "Confort thermique", "Eau et énergie", "Réversibilité et fin de "
                   "vie"],
        "note": "Esquissez votre habitat idéal et listez ses besoins en eau et en énergie.",
    },
    {
        "kind": "chapitre-mooc", "owner": "co",
        "title": "Parcours Oasis, module 4 : l'ouverture sur le territoire",
        "summary": "Comment une oasis s'insère dans son territoire : relations avec la commune, activités "
                   "ouvertes au public, coopérations économiques locales.",
        "themes": ("territoire", "agriculture"), "phases": ("vie-du-lieu",), "date": "2022-05-16",
        "keywords": ("parcours Oasis", "ouverture", "territoire"), "authors": "Coopérative Oasis",
        "intro": "Une oasis n'est pas une île : ce module explore les manières d'être utile à son territoire.",
        "points": ["Se présenter à la commune et aux voisins", "Ouvrir des activités au public",
                   "Coopérer avec les producteur·rices locaux", "Éviter l'entre-soi"],
        "note": "Dressez la carte des acteurs de votre territoire et identifiez trois coopérations possibles.",
    },
    # More ------------------------------------------------------------------------------------------------------
    {
        "kind": "faq", "owner": "hls", "lang": "en", "licence": "cc-by-4.0",
        "title": "Light housing in France: questions from abroad",
        "summary": "Answers to the questions European visitors ask most about hameaux légers: land, permits, "
                   "costs and who lives there.",
        "themes": ("habitat-leger", "urbanisme"), "phases": ("emergence",), "date": "2023-04-17",
        "keywords": ("light housing", "hameaux légers", "international"), "authors": "Hameaux Légers",
        "intro": "French planning law has recognised demountable dwellings as permanent homes since 2014.",
        "points": [("Who owns the land?", "Usually the municipality, which leases it to the residents' "
                    "organisation for decades."),
                   ("What does it cost?", "Far less than a conventional house, since residents do not buy the "
                    "land."),
                   ("Can anyone apply?", "Municipalities publish a call for applications and choose a group.")],
    },
    {
        "kind": "video", "owner": "co", "co": ("hls",),
        "title": "Récupérer l'eau de pluie : installation d'une cuve enterrée",
        "summary": "Un tutoriel filmé pour installer une cuve de 10 m³, la raccorder aux toilettes et au lavage, "
                   "et respecter la réglementation.",
        "themes": ("eau-assainissement",), "phases": ("chantier",), "date": "2017-05-29",
        "keywords": ("eau de pluie", "cuve", "réglementation"), "authors": "Karim Haddad",
        "intro": "L'arrêté du 21 août 2008 encadre les usages intérieurs de l'eau de pluie : la vidéo montre "
                 "une installation conforme, avec un réseau distinct et signalé.",
        "points": ["Dimensionner la cuve", "Terrasser et poser", "Filtrer et pomper", "Séparer les réseaux "
                   "et étiqueter"],
    },
    {
        "kind": "methode", "owner": "hpf", "visibility": "commons",
        "title": "Choisir son architecte et travailler avec lui en maîtrise d'ouvrage collective",
        "summary": "Consultation, choix, contrat de maîtrise d'œuvre et organisation des échanges entre le "
                   "groupe et l'architecte, de l'esquisse à la réception.",
        "themes": ("eco-construction", "gouvernance"), "phases": ("conception", "chantier"),
        "date": "2023-02-06", "keywords": ("architecte", "maîtrise d'œuvre", "consultation"),
        "authors": "Claire Dumoulin",
        "intro": "Un groupe d'habitant·es est un maître d'ouvrage exigeant et nombreux : l'architecte doit savoir "
                 "travailler avec lui, et le groupe parler d'une seule voix.",
        "points": ["Rédiger une consultation courte", "Auditionner trois équipes", "Négocier le contrat "
                   "et les missions", "Désigner un binôme d'interlocuteurs"],
    },
    {
        "kind": "temoignage", "owner": "hls", "status": "draft",
        "title": "Témoignage : construire sa cabane en bois local avec la scierie du village",
        "summary": "Un habitant raconte la construction de sa cabane de 30 m² en douglas scié à dix kilomètres, "
                   "avec l'aide du scieur et de voisin·es.",
        "themes": ("eco-construction", "territoire"), "phases": ("chantier",), "date": "2026-07-20",
        "keywords": ("bois local", "cabane", "circuit court"), "authors": "Mathis Roussel",
        "intro": "Acheter son bois à la scierie voisine a demandé d'adapter les plans aux sections disponibles, "
                 "mais a divisé le coût du bois par deux.",
        "points": ["Adapter les plans aux sections du scieur", "Faire sécher le bois sur place",
                   "Organiser des journées d'entraide", "Un coût maîtrisé"],
        "note": "Témoignage en cours de rédaction, photos à venir.",
    },
    {
        "kind": "dossier", "owner": "co", "co": ("hpf", "hls"), "licence": "cc-by-4.0",
        "title": "Gouvernance du commun de ressources : règles de partage entre réseaux",
        "summary": "Les règles que se donnent les trois réseaux pour mettre en commun leurs ressources : droits "
                   "d'accès, licences, contribution et arrivée de nouveaux partenaires.",
        "themes": ("gouvernance",), "phases": ("vie-du-lieu",), "date": "2026-01-26",
        "keywords": ("communs", "gouvernance", "licences"), "authors": "HPF, Hameaux Légers, Coopérative Oasis",
        "intro": "Mutualiser des ressources demande de s'accorder sur ce qui est partagé, avec qui et sous quelle "
                 "licence, et sur la manière d'accueillir de nouveaux partenaires.",
        "points": ["Trois niveaux de visibilité : public, commun, partenaire", "Licences libres par défaut",
                   "Contribuer et corriger les ressources des autres", "Intégrer un nouveau réseau"],
    },
]
