"""Step 2, réflexion: each organisation's portrait (six dimensions of items, each judged
force / faiblesse / neutre, with what it can offer and what it needs), and its view of the
process: risks, needs, coordination."""

from .base import Choice, Dimension, PortraitItem, Question, Section, StepContent, Text
from .base import QuestionType as T
from .base import Scope as S
from .resources import ResourceType as R


def _item(dimension, slug, label_fr, label_en, help_fr, help_en, resource_type=""):
    return PortraitItem(
        code=f"reflexion.{dimension}.{slug}",
        label_fr=label_fr,
        label_en=label_en,
        help_fr=help_fr,
        help_en=help_en,
        resource_type=str(resource_type),
    )


IDENTITE = Dimension(
    code="identite",
    title_fr="Identité",
    title_en="Identity",
    intro_fr=(
        "Qui êtes-vous, pour qui et avec qui ? C'est sur l'identité que les divergences "
        "sont les plus lourdes de conséquences : mieux vaut les voir tôt."
    ),
    intro_en=(
        "Who are you, for whom and with whom? Divergences on identity weigh the most: "
        "better to see them early."
    ),
    items=(
        _item(
            "identite",
            "mission",
            "Mission, vision, valeurs",
            "Mission, vision, values",
            "Ce que vous faites, ce que vous visez et ce qui guide vos choix. Une divergence "
            "sur la mission ou les valeurs peut faire échouer un projet si elle n'est pas "
            "discutée.",
            "What you do, what you aim for and what guides your choices. A divergence on "
            "mission or values can sink a project if it is not discussed.",
        ),
        _item(
            "identite",
            "historique",
            "Historique",
            "History",
            "Les grands moments de votre organisation : fondation, virages, crises "
            "traversées. L'histoire explique bien des façons de faire.",
            "The milestones of your organisation: founding, turning points, crises "
            "weathered. History explains many ways of doing things.",
        ),
        _item(
            "identite",
            "role-ecosysteme",
            "Rôle dans l'écosystème",
            "Role in the ecosystem",
            "La place que vous occupez parmi les organismes du territoire : ce que vous "
            "seuls faites, ce que d'autres font aussi. Cela révèle les chevauchements et "
            "les complémentarités.",
            "The place you hold among the organisations of the territory: what only you "
            "do, what others do too. It reveals overlaps and complementarities.",
        ),
        _item(
            "identite",
            "partenariats",
            "Partenariats",
            "Partnerships",
            "Les alliances et ententes qui comptent pour vous. Un partenariat existant "
            "peut servir d'appui… ou entrer en concurrence avec le nouveau projet.",
            "The alliances and agreements that matter to you. An existing partnership can "
            "be a support… or compete with the new project.",
        ),
        _item(
            "identite",
            "culture",
            "Culture organisationnelle",
            "Organisational culture",
            "Votre façon de travailler au quotidien : prise de décision, rythme, place de "
            "l'équipe et des membres. Des cultures différentes se côtoient bien quand on "
            "les nomme.",
            "How you work day to day: decision-making, pace, the place of staff and "
            "members. Different cultures live together well when they are named.",
        ),
        _item(
            "identite",
            "clienteles",
            "Clientèles cibles",
            "Target groups",
            "Les personnes ou les organisations que vous servez. Une clientèle commune est "
            "souvent le premier terrain d'une mutualisation.",
            "The people or organisations you serve. A common clientele is often the first "
            "ground for a mutualisation.",
            R.MISSION,
        ),
    ),
)

GOUVERNANCE = Dimension(
    code="gouvernance",
    title_fr="Gouvernance",
    title_en="Governance",
    intro_fr=(
        "Comment se prennent les décisions chez vous, et qui doit être convaincu pour "
        "qu'un projet commun avance."
    ),
    intro_en="How decisions are made in your organisation, and who must be convinced for a "
    "common project to move forward.",
    items=(
        _item(
            "gouvernance",
            "membres",
            "Membres",
            "Members",
            "Qui sont vos membres et combien sont-ils ? Selon vos règlements, ils "
            "pourraient devoir approuver une entente de mutualisation.",
            "Who your members are and how many. Depending on your by-laws, they may have "
            "to approve a pooling agreement.",
        ),
        _item(
            "gouvernance",
            "conseil",
            "Conseil d'administration",
            "Board of directors",
            "Sa composition, sa stabilité et son intérêt pour la démarche. Un conseil "
            "mobilisé tôt est un appui ; un conseil surpris devient souvent un frein.",
            "Its make-up, its stability and its interest in the process. A board involved "
            "early is a support; a surprised board often becomes a brake.",
        ),
        _item(
            "gouvernance",
            "raisons-membre",
            "Raisons d'être membre",
            "Reasons for being a member",
            "Pourquoi les membres adhèrent à votre organisation. Un projet commun ne doit "
            "pas affaiblir ce qui les attire.",
            "Why members join your organisation. A common project must not weaken what "
            "draws them in.",
        ),
        _item(
            "gouvernance",
            "vie-associative",
            "Vie associative",
            "Associative life",
            "Assemblées, comités, bénévolat, participation des membres. Son dynamisme dit "
            "beaucoup de la capacité à porter une démarche collective.",
            "Assemblies, committees, volunteering, member participation. Its vitality says "
            "a lot about the capacity to carry a collective process.",
            R.VOLUNTEERS,
        ),
        _item(
            "gouvernance",
            "parties-prenantes",
            "Parties prenantes",
            "Stakeholders",
            "Bailleurs de fonds, municipalités, partenaires du milieu : qui faudra-t-il "
            "informer ou consulter ? Leur appui, ou leur réticence, pèse sur le projet.",
            "Funders, municipalities, local partners: who will need to be informed or "
            "consulted? Their support, or their reluctance, weighs on the project.",
        ),
    ),
)

INSTALLATIONS = Dimension(
    code="installations",
    title_fr="Installations et équipements",
    title_en="Facilities and equipment",
    intro_fr=(
        "Ce dont vous disposez et ce qui vous manque. Un espace ou un équipement sous-"
        "utilisé chez l'un répond souvent au besoin d'un autre."
    ),
    intro_en=(
        "What you have and what you lack. A space or piece of equipment under-used by "
        "one often meets another's need."
    ),
    items=(
        _item(
            "installations",
            "locaux",
            "Locaux",
            "Premises",
            "Bureaux, salles, espaces d'accueil : superficie, état, taux d'occupation, "
            "accessibilité. Précisez les périodes où ils sont libres.",
            "Offices, rooms, reception areas: size, condition, occupancy, accessibility. "
            "Say when they are free.",
            R.PREMISES,
        ),
        _item(
            "installations",
            "entreposage",
            "Espace d'entreposage",
            "Storage space",
            "Entrepôt, chambre froide, congélateurs, espace sec. L'entreposage est une "
            "ressource facile à partager si les règles d'accès sont claires.",
            "Warehouse, cold room, freezers, dry storage. Storage is easy to share if the "
            "access rules are clear.",
            R.STORAGE,
        ),
        _item(
            "installations",
            "production",
            "Lieu de production ou de transformation",
            "Production or processing site",
            "Cuisine, atelier, plateau de travail. Ces lieux coûtent cher à équiper et "
            "restent souvent inoccupés une partie de la semaine.",
            "Kitchen, workshop, work site. These places are costly to equip and often sit "
            "idle part of the week.",
            R.PREMISES,
        ),
        _item(
            "installations",
            "transport",
            "Moyens de transport",
            "Means of transport",
            "Véhicules, camion réfrigéré, remorque : capacité, jours d'utilisation, "
            "coûts. Un véhicule partagé exige un système de réservation.",
            "Vehicles, refrigerated truck, trailer: capacity, days of use, costs. A shared "
            "vehicle needs a booking system.",
            R.TRANSPORT,
        ),
        _item(
            "installations",
            "entretien",
            "Entretien des lieux",
            "Upkeep of the premises",
            "Qui entretient vos locaux et à quel coût. Un contrat d'entretien commun peut "
            "alléger la charge de chacun.",
            "Who looks after your premises and at what cost. A common maintenance contract "
            "can lighten everyone's load.",
            R.PURCHASES,
        ),
        _item(
            "installations",
            "fournitures",
            "Achat de fournitures",
            "Purchase of supplies",
            "Fournitures de bureau, produits d'entretien, emballages. Les achats groupés "
            "font baisser les prix sans engager beaucoup.",
            "Office supplies, cleaning products, packaging. Group buying lowers prices "
            "with little commitment.",
            R.PURCHASES,
        ),
    ),
)

SERVICES = Dimension(
    code="services",
    title_fr="Services",
    title_en="Services",
    intro_fr="Ce que vous offrez, à qui, et avec quels partenaires.",
    intro_en="What you offer, to whom, and with which partners.",
    items=(
        _item(
            "services",
            "offre-services",
            "Offre de services",
            "Range of services",
            "Vos principaux services et activités, leur volume et leurs horaires. C'est "
            "ici que se repèrent les chevauchements et les trous de service sur le "
            "territoire.",
            "Your main services and activities, their volume and their hours. This is "
            "where overlaps and service gaps on the territory show up.",
            R.MISSION,
        ),
        _item(
            "services",
            "partenariats-existants",
            "Partenariats existants",
            "Existing partnerships",
            "Les services que vous rendez déjà avec d'autres. Ils montrent comment votre "
            "organisation collabore en pratique.",
            "The services you already deliver with others. They show how your "
            "organisation collaborates in practice.",
        ),
    ),
)

COMMUNICATION = Dimension(
    code="communication",
    title_fr="Communication",
    title_en="Communication",
    intro_fr="Vos communications internes et externes : qui les fait, avec quels moyens.",
    intro_en="Your internal and external communication: who does it, with what means.",
    items=(
        _item(
            "communication",
            "equipe",
            "Équipe et expertise interne",
            "In-house team and expertise",
            "Les personnes qui s'occupent des communications et le temps qu'elles y "
            "consacrent. Une ressource mutualisée à temps partiel peut servir plusieurs "
            "organisations.",
            "The people who handle communication and the time they give it. A part-time "
            "shared resource can serve several organisations.",
            R.STAFF,
        ),
        _item(
            "communication",
            "consultants",
            "Consultants externes",
            "External consultants",
            "Graphistes, firmes, pigistes auxquels vous faites appel. Négocier ensemble "
            "peut réduire les coûts.",
            "Designers, firms, freelancers you call on. Negotiating together can lower the costs.",
        ),
        _item(
            "communication",
            "medias",
            "Partenariats médias",
            "Media partnerships",
            "Médias locaux, radios communautaires, journaux avec lesquels vous avez des "
            "liens. Ces contacts peuvent profiter à tout le groupe.",
            "Local media, community radio, newspapers you have ties with. These contacts "
            "can benefit the whole group.",
        ),
        _item(
            "communication",
            "reseaux-sociaux",
            "Médias sociaux et infolettres",
            "Social media and newsletters",
            "Vos comptes, vos listes d'envoi et la taille de vos publics. Une campagne "
            "commune rejoint plus de monde.",
            "Your accounts, mailing lists and audience sizes. A common campaign reaches "
            "more people.",
            R.ACTIVITY,
        ),
        _item(
            "communication",
            "relations-presse",
            "Relations de presse",
            "Press relations",
            "Communiqués, entrevues, porte-parole. Parler d'une seule voix donne du poids "
            "à un projet collectif.",
            "Press releases, interviews, spokespeople. Speaking with one voice gives weight "
            "to a collective project.",
        ),
        _item(
            "communication",
            "marketing",
            "Marketing",
            "Marketing",
            "Image de marque, promotion, financement auprès du public. Une marque commune "
            "est possible, mais elle se décide ensemble.",
            "Brand image, promotion, public fundraising. A common brand is possible, but "
            "it is decided together.",
        ),
        _item(
            "communication",
            "budget",
            "Budget de communication",
            "Communication budget",
            "Le montant annuel consacré aux communications. Il indique ce que chacun "
            "pourrait contribuer à une ressource commune.",
            "The yearly amount spent on communication. It shows what each could "
            "contribute to a common resource.",
        ),
    ),
)

GESTION = Dimension(
    code="gestion",
    title_fr="Gestion et administration",
    title_en="Management and administration",
    intro_fr=(
        "Les fonctions de gestion sont souvent les premières à se partager : elles "
        "pèsent lourd dans les petites équipes et demandent une expertise pointue."
    ),
    intro_en=(
        "Management functions are often the first to be shared: they weigh heavily on "
        "small teams and call for specialised expertise."
    ),
    items=(
        _item(
            "gestion",
            "planification",
            "Planification",
            "Planning",
            "Planification stratégique, plan d'action, reddition de comptes. Des cycles "
            "de planification alignés facilitent les décisions communes.",
            "Strategic planning, action plan, reporting. Aligned planning cycles make "
            "common decisions easier.",
        ),
        _item(
            "gestion",
            "taxes-permis",
            "Taxes et permis",
            "Taxes and permits",
            "Taxes à percevoir, permis d'exploitation, normes de salubrité. Partager un "
            "lieu ou un véhicule peut changer vos obligations.",
            "Taxes to collect, operating permits, health standards. Sharing a place or a "
            "vehicle can change your obligations.",
        ),
        _item(
            "gestion",
            "budgetisation",
            "Budgétisation",
            "Budgeting",
            "Comment vous préparez et suivez votre budget, et qui s'en charge. La tenue de "
            "livres est une fonction souvent mutualisée.",
            "How you prepare and follow your budget, and who does it. Bookkeeping is a "
            "function often pooled.",
            R.FUNCTION,
        ),
        _item(
            "gestion",
            "demandes-financement",
            "Demandes de financement",
            "Funding applications",
            "Votre savoir-faire et vos succès en demandes de subvention. Une demande "
            "commune peut ouvrir des portes fermées à une seule organisation.",
            "Your know-how and success with grant applications. A joint application can "
            "open doors closed to a single organisation.",
            R.EXPERTISE,
        ),
        _item(
            "gestion",
            "modes-financement",
            "Modes de financement",
            "Sources of funding",
            "Financement à la mission, par projet, revenus autonomes, dons. Des "
            "bailleurs de fonds communs peuvent appuyer… ou se méfier d'un projet commun.",
            "Core funding, project funding, earned income, donations. Common funders may "
            "support… or be wary of a joint project.",
        ),
        _item(
            "gestion",
            "assurances",
            "Assurances",
            "Insurance",
            "Vos couvertures et leurs coûts. Une ressource mutualisée doit être assurée, et "
            "une assurance collective peut coûter moins cher.",
            "Your coverage and its costs. A shared resource must be insured, and group "
            "insurance can cost less.",
            R.PURCHASES,
        ),
    ),
)

DIMENSIONS = (IDENTITE, GOUVERNANCE, INSTALLATIONS, SERVICES, COMMUNICATION, GESTION)

# Items whose appreciation is required before a portrait can be submitted: the identity
# of an organisation is the minimum the partners need to know of each other.
REQUIRED_APPRECIATIONS = frozenset({"reflexion.identite.mission", "reflexion.identite.clienteles"})

DECISION_CHOICES = (
    Choice("consensus", "Par consensus", "By consensus"),
    Choice("consentement", "Par consentement", "By consent"),
    Choice("majorite", "À la majorité simple", "By simple majority"),
    Choice(
        "direction",
        "Par les directions, sur mandat des conseils",
        "By the executive directors, mandated by the boards",
    ),
)

ORGANISATION = Section(
    code="reflexion.demarche",
    title_fr="Notre regard sur la démarche",
    title_en="Our view of the process",
    intro_fr=(
        "Après le portrait, dites comment votre organisation voit la suite : les "
        "risques, vos besoins et la façon de conduire la démarche ensemble."
    ),
    intro_en=(
        "After the portrait, say how your organisation sees what comes next: the risks, "
        "your needs and how to run the process together."
    ),
    questions=(
        Question(
            code="reflexion.perimetre",
            type=T.SHORT_TEXT,
            scope=S.ORGANISATION,
            label_fr="Quelle partie de votre organisation est concernée par la démarche ?",
            label_en="Which part of your organisation does the process concern?",
            help_fr=(
                "Un service, un programme, les fonctions administratives… Le portrait peut "
                "se limiter à cette partie : inutile de tout décrire si seule une "
                "activité est visée."
            ),
            help_en=(
                "A service, a programme, administrative functions… The portrait may be "
                "limited to that part: no need to describe everything if only one "
                "activity is concerned."
            ),
        ),
        Question(
            code="reflexion.risques",
            type=T.LONG_TEXT,
            scope=S.ORGANISATION,
            label_fr="Quels risques voyez-vous, pour vous ou pour le projet ?",
            label_en="What risks do you see, for you or for the project?",
            help_fr=(
                "Dépendance envers un partenaire, responsabilité d'un bien commun, "
                "implication inégale… Un risque nommé peut être encadré dès la "
                "modélisation."
            ),
            help_en=(
                "Dependence on a partner, responsibility for a shared good, unequal "
                "involvement… A named risk can be handled from the Modelling step "
                "on."
            ),
        ),
        Question(
            code="reflexion.besoins",
            type=T.LONG_TEXT,
            scope=S.ORGANISATION,
            label_fr="De quoi avez-vous besoin pour participer pleinement à la démarche ?",
            label_en="What do you need to take a full part in the process?",
            help_fr=(
                "Information, accompagnement externe, temps de libération, formation, "
                "appui du conseil. Les besoins dits clairement permettent de répartir "
                "l'aide là où elle compte."
            ),
            help_en=(
                "Information, outside support, time released, training, board backing. "
                "Needs stated clearly let help go where it matters."
            ),
        ),
        Question(
            code="reflexion.coordination",
            type=T.LONG_TEXT,
            scope=S.ORGANISATION,
            label_fr="Comment la démarche devrait-elle être coordonnée et gouvernée ?",
            label_en="How should the process be coordinated and governed?",
            help_fr=(
                "Qui anime, qui décide, à quel rythme, avec quels pouvoirs ? Une "
                "coordination reconnue, aux rôles et responsabilités clairs, aide la "
                "démarche à réussir."
            ),
            help_en=(
                "Who facilitates, who decides, at what pace, with what powers? Recognised "
                "coordination with clear roles and responsibilities helps the process "
                "succeed."
            ),
        ),
        Question(
            code="reflexion.mode-decision",
            type=T.SINGLE_CHOICE,
            scope=S.ORGANISATION,
            label_fr="Quel mode de décision vous conviendrait entre partenaires ?",
            label_en="Which way of deciding between partners would suit you?",
            help_fr=(
                "Chaque organisation a ses habitudes de décision. Les comparer maintenant "
                "évite des malentendus quand viendra le moment de choisir ensemble."
            ),
            help_en=(
                "Each organisation has its own decision habits. Comparing them now avoids "
                "misunderstandings when the time comes to choose together."
            ),
            choices=DECISION_CHOICES,
            allow_other=True,
        ),
    ),
)

PROJECT = Section(
    code="reflexion.projet",
    title_fr="L'organisation de la démarche",
    title_en="How the process is organised",
    questions=(
        Question(
            code="reflexion.gouvernance-demarche",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Comment la démarche est-elle coordonnée et gouvernée ?",
            label_en="How is the process coordinated and governed?",
            help_fr=(
                "Résumez ce que les partenaires ont convenu : qui coordonne, avec quels "
                "pouvoirs, comment l'information circule. Tout le monde doit avoir accès "
                "à la même information."
            ),
            help_en=(
                "Sum up what the partners agreed: who coordinates, with what powers, how "
                "information flows. Everyone must have access to the same information."
            ),
        ),
        Question(
            code="reflexion.echeance-portraits",
            type=T.DATE,
            scope=S.PROJECT,
            label_fr="À quelle date les portraits doivent-ils être terminés ?",
            label_en="By what date should the portraits be finished?",
            help_fr=(
                "Une échéance commune garde le rythme et permet de tenir le diagnostic "
                "pendant que la motivation est au rendez-vous."
            ),
            help_en=(
                "A common deadline keeps the pace and lets the Diagnosis happen while "
                "motivation is still high."
            ),
        ),
    ),
)

CONTENT = StepContent(
    step="reflexion",
    about=Text(
        "La réflexion, c'est apprendre à se connaître et à connaître les autres. Chaque "
        "organisation dresse son portrait, juge chacune de ses caractéristiques comme une "
        "force, une faiblesse ou un élément neutre, et note ce qu'elle peut offrir et ce "
        "dont elle a besoin. Ces portraits sont la matière première du diagnostic.",
        "Reflection is about getting to know yourself and the others. Each "
        "organisation draws its portrait, judges each characteristic as a strength, a "
        "weakness or neutral, and notes what it can offer and what it needs. These "
        "portraits are the raw material of the Diagnosis.",
    ),
    key_actions=(
        Text(
            "Dresser le portrait de l'organisation, dimension par dimension.",
            "Draw the organisation's portrait, dimension by dimension.",
        ),
        Text(
            "Juger chaque élément : force, faiblesse ou neutre.",
            "Judge each item: strength, weakness or neutral.",
        ),
        Text(
            "Noter ce que l'organisation peut offrir et ce dont elle a besoin.",
            "Note what the organisation can offer and what it needs.",
        ),
        Text(
            "Nommer les risques perçus et les besoins pour la suite.",
            "Name the perceived risks and the needs for what comes next.",
        ),
        Text(
            "Convenir de la façon de coordonner et de gouverner la démarche.",
            "Agree on how to coordinate and govern the process.",
        ),
    ),
    attention_points=(
        Text(
            "Le portrait peut se limiter à la partie de l'organisation concernée par le projet.",
            "The portrait may be limited to the part of the organisation the project concerns.",
        ),
        Text(
            "Une faiblesse n'est pas un aveu d'échec : c'est souvent là qu'un partenaire "
            "peut apporter quelque chose.",
            "A weakness is not an admission of failure: it is often where a partner can "
            "bring something.",
        ),
        Text(
            "Les autres partenaires ne voient votre portrait qu'une fois soumis ; prenez le "
            "temps de le valider à l'interne.",
            "Other partners only see your portrait once it is submitted; take the time to "
            "validate it internally.",
        ),
        Text(
            "La coordination choisit les dimensions utiles au projet : un projet de "
            "camion partagé n'a pas besoin de tout couvrir.",
            "The coordination chooses the dimensions the project needs: a shared-truck "
            "project does not have to cover everything.",
        ),
    ),
    sections=(ORGANISATION, PROJECT),
)
