"""The built-in inspiring cases, loaded by migration 0011.

Facts (who, what, form, year) come from the cases the method's sources mention; every
sentence is ours. Plain data, no Django imports: the migration uses it with the
historical model. Two entries are marked « Exemple type »: the sources use them to explain
a point, they are not a documented project.
"""

CASES: tuple[dict, ...] = (
    {
        "resource_type": "function",
        "title_fr": "Une agente de communication pour deux CDC",
        "title_en": "One communications officer for two CDCs",
        "who_fr": "La CDC de Beauharnois-Salaberry et la CDC du Haut-Saint-Laurent "
        "(Montérégie-Ouest).",
        "who_en": "The Beauharnois-Salaberry CDC and the Haut-Saint-Laurent CDC "
        "(western Montérégie).",
        "pooled_fr": "Une employée, dont les deux corporations se partagent le poste, pour "
        "porter des projets qui demandent une expertise stratégique en communication.",
        "pooled_en": "One employee, whose position the two corporations share, to carry "
        "projects that need strategic communications expertise.",
        "form_fr": "Poste partagé entre deux organisations",
        "form_en": "A position shared by two organisations",
        "lessons_fr": "Le partage est né de la confiance entre deux voisins et de l'envie "
        "de développer le territoire avec des gens d'ici. Une fonction dont aucune des deux "
        "n'aurait eu besoin à temps plein devient un vrai poste.",
        "lessons_en": "The sharing grew from trust between two neighbours and the wish to "
        "develop the territory with local people. A function neither needed full time "
        "becomes a real job.",
        "source": "Concertation Horizon",
        "year": 2024,
        "order": 10,
    },
    {
        "resource_type": "staff",
        "title_fr": "La Halte et Le Relait, coopératives de remplacement agricole",
        "title_en": "La Halte and Le Relait, farm replacement co-operatives",
        "who_fr": "Des productrices et producteurs agricoles membres : La Halte au "
        "Centre-du-Québec (plus de 125 membres) ; Le Relait au Saguenay–Lac-Saint-Jean, lancé "
        "par la fédération régionale de l'UPA en mars 2021.",
        "who_en": "Farmers who are members: La Halte in Centre-du-Québec (more than 125 "
        "members); Le Relait in Saguenay–Lac-Saint-Jean, started by the regional UPA "
        "federation in March 2021.",
        "pooled_fr": "Des agentes et agents de remplacement, employés par la coopérative, qui "
        "prennent la relève d'une ferme quand l'exploitant·e s'absente (maladie, vacances).",
        "pooled_en": "Replacement workers, employed by the co-operative, who run a farm when "
        "the farmer is away (illness, holidays).",
        "form_fr": "Coopérative d'employeurs",
        "form_en": "Employers' co-operative",
        "lessons_fr": "La coopérative est le seul employeur : elle signe les contrats de "
        "travail et gère les horaires selon les besoins des membres. Personne n'aurait pu "
        "garder seul une personne en attente toute l'année.",
        "lessons_en": "The co-operative is the only employer: it signs the employment "
        "contracts and plans schedules around the members' needs. No farm could have kept "
        "someone on standby all year on its own.",
        "source": "Concertation Horizon",
        "year": 2024,
        "order": 20,
    },
    {
        "resource_type": "equipment",
        "title_fr": "La Cantine pour tous",
        "title_en": "La Cantine pour tous",
        "who_fr": "Un réseau montréalais d'organismes et d'entreprises collectives en "
        "sécurité alimentaire, qui servent des repas sains et abordables, surtout aux "
        "enfants et aux personnes aînées.",
        "who_en": "A Montréal network of community organisations and collective enterprises "
        "in food security, serving healthy, affordable meals, mainly to children and older "
        "people.",
        "pooled_fr": "Les moyens de production et de distribution des repas, ainsi que le "
        "soutien à la mise en marché des traiteurs membres.",
        "pooled_en": "Meal production and distribution resources, and support for marketing "
        "the member caterers' services.",
        "form_fr": "Regroupement (réseau) qui coordonne ses membres",
        "form_en": "A network that coordinates its members",
        "lessons_fr": "Un réseau peut servir de « tout » qui porte les équipements et la "
        "coordination, pour que chaque membre grandisse sans tout acheter lui-même.",
        "lessons_en": "A network can be the 'whole' that holds the equipment and the "
        "coordination, so that each member grows without buying everything itself.",
        "source": "Concertation Horizon (fiche du TIESS)",
        "year": 2024,
        "order": 30,
    },
    {
        "resource_type": "equipment",
        "title_fr": "REFRAIN, des festivals qui partagent leur matériel",
        "title_en": "REFRAIN, festivals sharing their gear",
        "who_fr": "Des festivals artistiques régionaux et indépendants.",
        "who_en": "Independent regional arts festivals.",
        "pooled_fr": "Des équipements (le service Accès Refrain), de l'expertise, la "
        "promotion et les communications.",
        "pooled_en": "Equipment (the Accès Refrain service), expertise, promotion and "
        "communications.",
        "form_fr": "Regroupement de festivals",
        "form_en": "An association of festivals",
        "lessons_fr": "Mettre du matériel en commun donne aussi un lieu de concertation : "
        "les festivals se font connaître ensemble et innovent ensemble.",
        "lessons_en": "Pooling gear also creates a place to work together: the festivals "
        "promote themselves and innovate together.",
        "source": "Forum québécois du loisir",
        "year": 2025,
        "order": 40,
    },
    {
        "resource_type": "mission",
        "title_fr": "Le Voisinage du bout du Monde",
        "title_en": "Le Voisinage du bout du Monde",
        "who_fr": "Des entreprises d'un même territoire qui offrent hébergement, activités "
        "et produits locaux.",
        "who_en": "Businesses of one territory offering lodging, activities and local products.",
        "pooled_fr": "Le territoire lui-même : des terres, des équipements et la mise en "
        "marché commune d'une offre d'écotourisme.",
        "pooled_en": "The territory itself: land, equipment and the joint marketing of an "
        "ecotourism offer.",
        "form_fr": "Coopération entre entreprises",
        "form_en": "Co-operation between businesses",
        "lessons_fr": "On peut mutualiser une partie de sa mission : ensemble, les "
        "partenaires vendent une expérience qu'aucun ne pourrait offrir seul.",
        "lessons_en": "Part of a mission can be pooled: together, the partners sell an "
        "experience none of them could offer alone.",
        "source": "Forum québécois du loisir",
        "year": 2025,
        "order": 50,
    },
    {
        "resource_type": "premises",
        "title_fr": "Le Saiso / Plein Air Charlebourg",
        "title_en": "Le Saiso / Plein Air Charlebourg",
        "who_fr": "Des partenaires du loisir et du récréotourisme qui réfléchissent à un "
        "centre de plein air de proximité ouvert toute l'année.",
        "who_en": "Leisure and recreational tourism partners planning a local outdoor "
        "centre open all year.",
        "pooled_fr": "Un lieu et ses espaces, et peut-être davantage : une mission commune.",
        "pooled_en": "A site and its spaces, and perhaps more: a shared mission.",
        "form_fr": "Démarche de réflexion commune (projet en cours)",
        "form_en": "A joint planning process (project under way)",
        "lessons_fr": "Partager un lieu amène vite à parler de mission : mieux vaut prévoir "
        "ce temps de réflexion avant de fixer les règles d'usage.",
        "lessons_en": "Sharing a site soon leads to talking about mission: plan that time "
        "before setting the rules of use.",
        "source": "Forum québécois du loisir",
        "year": 2025,
        "order": 60,
    },
    {
        "resource_type": "staff",
        "title_fr": "Ensemble autour d'une table",
        "title_en": "Ensemble autour d'une table",
        "who_fr": "Quatre organismes de la région de L'Islet en agroalimentaire, écologie "
        "et tourisme : TerraTerre, La chèvre et le chou, l'office de tourisme et le "
        "regroupement des arrêts gourmands.",
        "who_en": "Four organisations of the L'Islet area in food, ecology and tourism: "
        "TerraTerre, La chèvre et le chou, the tourism office and the group of gourmet stops.",
        "pooled_fr": "Des ressources humaines et des projets, dont la promotion.",
        "pooled_en": "Human resources and projects, including promotion.",
        "form_fr": "Collaboration entre organismes",
        "form_en": "Collaboration between organisations",
        "lessons_fr": "Des secteurs différents se complètent : chacun apporte sa force et la "
        "promotion commune profite à tous.",
        "lessons_en": "Different sectors complement each other: each brings its strength "
        "and joint promotion benefits everyone.",
        "source": "Forum québécois du loisir",
        "year": 2025,
        "order": 70,
    },
    {
        "resource_type": "data",
        "title_fr": "Culture Pédia, une fiducie de données culturelles",
        "title_en": "Culture Pédia, a cultural data trust",
        "who_fr": "Des organisations du milieu culturel.",
        "who_en": "Organisations of the cultural sector.",
        "pooled_fr": "Des données, confiées à une fiducie qui les garde et les gère pour "
        "l'ensemble des membres.",
        "pooled_en": "Data, entrusted to a trust that holds and manages it for all members.",
        "form_fr": "Fiducie de données",
        "form_en": "Data trust",
        "lessons_fr": "Les connaissances et les données se mutualisent aussi ; il faut alors "
        "décider qui les détient et à quelles conditions on les utilise.",
        "lessons_en": "Knowledge and data can be pooled too; then decide who holds them and "
        "on what terms they are used.",
        "source": "Jasette avec George Krump",
        "year": 2024,
        "order": 80,
    },
    {
        "resource_type": "activity",
        "title_fr": "Le défi des générations, une campagne de financement commune",
        "title_en": "Le défi des générations, a joint fundraising campaign",
        "who_fr": "Des organismes qui lancent ensemble une campagne de levée de fonds.",
        "who_en": "Organisations running one fundraising campaign together.",
        "pooled_fr": "Une campagne de financement, ses outils et sa visibilité.",
        "pooled_en": "A fundraising campaign, its tools and its visibility.",
        "form_fr": "",
        "form_en": "",
        "lessons_fr": "Une activité ponctuelle est une bonne façon de commencer petit et de "
        "vérifier qu'on sait travailler ensemble.",
        "lessons_en": "A one-off activity is a good way to start small and check that the "
        "partners work well together.",
        "source": "Jasette avec George Krump",
        "year": 2024,
        "order": 90,
    },
    {
        "resource_type": "expertise",
        "title_fr": "TISSÉ SERRÉ, un parcours de mutualisation en culture",
        "title_en": "TISSÉ SERRÉ, a pooling pathway for the arts",
        "who_fr": "Des organismes culturels des Laurentides, avec le chantier mutualisation "
        "de Développement social Laurentides.",
        "who_en": "Cultural organisations of the Laurentides, with the pooling workstream of "
        "Développement social Laurentides.",
        "pooled_fr": "Des savoirs et de l'accompagnement : un parcours pour apprendre à "
        "mutualiser entre pairs.",
        "pooled_en": "Knowledge and support: a pathway to learn pooling among peers.",
        "form_fr": "Parcours d'accompagnement",
        "form_en": "A support pathway",
        "lessons_fr": "Avant de partager des biens, un milieu peut partager ce qu'il sait : "
        "la solidarité se construit aussi en apprenant ensemble.",
        "lessons_en": "Before sharing goods, a sector can share what it knows: solidarity "
        "also grows by learning together.",
        "source": "Développement social Laurentides",
        "year": 2025,
        "order": 100,
    },
    {
        "resource_type": "transport",
        "title_fr": "Exemple type : un camion partagé",
        "title_en": "Typical example: a shared truck",
        "who_fr": "Quelques organismes d'un même territoire qui ont chacun besoin, de temps "
        "en temps, d'un camion.",
        "who_en": "A few organisations of one territory that each need a truck now and then.",
        "pooled_fr": "Un véhicule, son entretien et sa planification.",
        "pooled_en": "A vehicle, its upkeep and its scheduling.",
        "form_fr": "Contrat d'utilisation ou copropriété",
        "form_en": "Contract of use or co-ownership",
        "lessons_fr": "Le camion ne coûte pas seulement son carburant : il faut un système "
        "de réservation ou une personne qui coordonne les trajets, et ce coût compte dans "
        "les économies espérées.",
        "lessons_en": "A truck costs more than its fuel: it needs a booking system or "
        "someone to coordinate the routes, and that cost counts against the hoped-for "
        "savings.",
        "source": "TIESS, La mutualisation : 6 étapes pour un partage réussi",
        "year": 2023,
        "order": 110,
    },
    {
        "resource_type": "equipment",
        "title_fr": "Exemple type : une pelle prêtée au voisin",
        "title_en": "Typical example: a shovel lent to a neighbour",
        "who_fr": "Deux organismes voisins.",
        "who_en": "Two neighbouring organisations.",
        "pooled_fr": "Une pelle, prêtée les jours de tempête.",
        "pooled_en": "A shovel, lent on stormy days.",
        "form_fr": "Prêt informel",
        "form_en": "Informal loan",
        "lessons_fr": "Au début du continuum, le prêt ne demande aucun plan ni aucune "
        "entente écrite : inutile de formaliser plus que ce que l'on partage.",
        "lessons_en": "At the start of the continuum, a loan needs no plan and no written "
        "agreement: do not formalise more than what is shared.",
        "source": "Concertation Horizon",
        "year": 2024,
        "order": 120,
    },
)
