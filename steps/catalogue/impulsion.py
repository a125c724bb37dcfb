"""Step 1, impulsion: why pool? Each organisation's need and motivations, then the
project's common need and objective."""

from .base import Choice, Question, Section, StepContent, Text
from .base import QuestionType as T
from .base import Scope as S

ECONOMIC = ("Motivations économiques", "Economic motivations")
STRATEGIC = ("Motivations stratégiques et politiques", "Strategic and political motivations")
PHILOSOPHICAL = ("Motivations philosophiques", "Philosophical motivations")

# The three families of motivations (DOMAIN.md); codes are stored in answers.
MOTIVATION_CHOICES = (
    Choice(
        "expertise",
        "Accéder à une expertise ou à une ressource",
        "Access an expertise or a resource",
        *ECONOMIC,
    ),
    Choice(
        "capacite",
        "Augmenter notre capacité d'opération",
        "Increase our operating capacity",
        *ECONOMIC,
    ),
    Choice("couts", "Réduire nos coûts de fonctionnement", "Lower our operating costs", *ECONOMIC),
    Choice("risques", "Partager les risques", "Share the risks", *ECONOMIC),
    Choice(
        "taille-critique",
        "Atteindre une taille critique pour le financement ou les appels d'offres",
        "Reach a critical size for funding or calls for tenders",
        *ECONOMIC,
    ),
    Choice(
        "criteres-financement",
        "Répondre aux nouvelles exigences des bailleurs de fonds",
        "Meet funders' new requirements",
        *ECONOMIC,
    ),
    Choice(
        "alleger-equipes",
        "Soulager nos équipes, qui portent trop seules la charge",
        "Relieve our teams, who carry too much of the load alone",
        *ECONOMIC,
    ),
    Choice("poids-politique", "Gagner du poids politique", "Gain political weight", *STRATEGIC),
    Choice(
        "reconnaissance",
        "Être reconnus comme un acteur majeur",
        "Be recognised as a major player",
        *STRATEGIC,
    ),
    Choice(
        "rayonnement",
        "Accroître notre rayonnement ou notre impact sur le territoire",
        "Increase our reach or our impact on the territory",
        *STRATEGIC,
    ),
    Choice("changement-echelle", "Changer d'échelle", "Scale up", *STRATEGIC),
    Choice("resilience", "Devenir plus résilients", "Become more resilient", *STRATEGIC),
    Choice(
        "doublons",
        "Ne plus offrir deux fois le même service sur le territoire",
        "Stop offering the same service twice in the territory",
        *STRATEGIC,
    ),
    Choice(
        "survie",
        "Assurer la survie de notre organisation",
        "Ensure our organisation survives",
        *STRATEGIC,
    ),
    Choice(
        "valeurs",
        "Renforcer des valeurs que nous partageons",
        "Strengthen values we share",
        *PHILOSOPHICAL,
    ),
    Choice(
        "mission",
        "Mieux réaliser notre mission, ensemble",
        "Fulfil our mission better, together",
        *PHILOSOPHICAL,
    ),
    Choice(
        "transition",
        "Contribuer à la transition socioécologique",
        "Contribute to the social and ecological transition",
        *PHILOSOPHICAL,
    ),
)

# Where the project sits on the continuum of sharing (simplest → most integrated).
CONTINUUM_CHOICES = (
    Choice("pret", "Un prêt, informel et ponctuel", "A loan, informal and occasional"),
    Choice("collaboration", "Une collaboration", "A collaboration"),
    Choice(
        "mutualisation",
        "Une mutualisation : coûts, risques et gouvernance partagés",
        "A mutualisation: shared costs, risks and governance",
    ),
    Choice("fusion", "Une fusion d'organisations", "A merger of organisations"),
    Choice("indecis", "Nous ne le savons pas encore", "We do not know yet"),
)

ORGANISATION = Section(
    code="impulsion.organisation",
    title_fr="Notre point de départ",
    title_en="Where we start from",
    intro_fr=(
        "Chaque organisation répond pour elle-même. Les motivations peuvent différer d'un "
        "partenaire à l'autre : ce n'est pas un problème, à condition de les nommer."
    ),
    intro_en=(
        "Each organisation answers for itself. Motivations may differ from one partner to "
        "another: that is fine, as long as they are named."
    ),
    questions=(
        Question(
            code="impulsion.besoin",
            type=T.LONG_TEXT,
            scope=S.ORGANISATION,
            label_fr=(
                "Quel besoin pousse votre organisation à vouloir mettre quelque chose en commun ?"
            ),
            label_en="What need drives your organisation to want to pool something?",
            help_fr=(
                "Décrivez la situation concrète qui vous fait chercher des partenaires, "
                "plutôt que la solution que vous imaginez déjà. Les porteurs de projets "
                "interrogés pour le rapport « Le pouls de la mutualisation » jugent "
                "indispensable un besoin clairement nommé dès le départ."
            ),
            help_en=(
                "Describe the concrete situation that makes you look for partners, rather "
                "than the solution you already have in mind. The project leads interviewed "
                "for the report “Le pouls de la mutualisation” consider a need clearly "
                "named from the start indispensable."
            ),
            required=True,
        ),
        Question(
            code="impulsion.motivations",
            type=T.MULTI_CHOICE,
            scope=S.ORGANISATION,
            label_fr="Qu'est-ce qui motive votre organisation ?",
            label_en="What motivates your organisation?",
            help_fr=(
                "Cochez tout ce qui s'applique. Les motivations se regroupent en trois "
                "familles ; voir côte à côte celles de chaque partenaire aide à repérer tôt "
                "les attentes qui se rejoignent et celles qu'il faudra concilier."
            ),
            help_en=(
                "Tick everything that applies. Motivations fall into three families; "
                "seeing every partner's side by side helps spot early the expectations "
                "that meet and those that will need to be reconciled."
            ),
            choices=MOTIVATION_CHOICES,
            allow_other=True,
        ),
        Question(
            code="impulsion.benefices",
            type=T.LONG_TEXT,
            scope=S.ORGANISATION,
            label_fr="Quels bénéfices votre organisation espère-t-elle en retirer ?",
            label_en="What benefits does your organisation hope to gain?",
            help_fr=(
                "Une mutualisation doit profiter à chaque partie. Nommer ce que vous "
                "espérez, même modestement, permettra plus tard de vérifier si c'est "
                "arrivé."
            ),
            help_en=(
                "A mutualisation must benefit every party. Naming what you hope for, even "
                "modestly, will later let you check whether it happened."
            ),
        ),
        Question(
            code="impulsion.craintes",
            type=T.LONG_TEXT,
            scope=S.ORGANISATION,
            label_fr="Qu'est-ce qui vous inquiète dans cette démarche ?",
            label_en="What worries you about this process?",
            help_fr=(
                "Perte d'autonomie, surcharge de l'équipe, réaction du conseil "
                "d'administration ou des membres… Une crainte dite tôt se discute ; une "
                "crainte tue finit souvent par freiner le projet."
            ),
            help_en=(
                "Loss of autonomy, an overloaded team, the reaction of the board or the "
                "members… A worry voiced early can be discussed; one kept silent often "
                "ends up slowing the project down."
            ),
        ),
        Question(
            code="impulsion.energie",
            type=T.SCALE,
            scope=S.ORGANISATION,
            label_fr=(
                "Quelle énergie votre organisation peut-elle consacrer à la démarche "
                "(1 = très peu, 5 = beaucoup) ?"
            ),
            label_en=(
                "How much energy can your organisation give to the process "
                "(1 = very little, 5 = a lot)?"
            ),
            help_fr=(
                "Selon les porteurs de projets interrogés pour le rapport « Le pouls de la "
                "mutualisation », le manque de temps est le frein qui revient le plus. "
                "Une estimation honnête de l'énergie disponible, comparée aux bénéfices "
                "attendus, évite bien des déceptions."
            ),
            help_en=(
                "According to the project leads interviewed for the report “Le pouls de la "
                "mutualisation”, lack of time is the obstacle that comes up most. An honest "
                "estimate of the energy available, weighed against the expected benefits, "
                "avoids many disappointments."
            ),
        ),
        Question(
            code="impulsion.heures",
            type=T.NUMBER,
            scope=S.ORGANISATION,
            label_fr="Combien d'heures par mois pouvez-vous y consacrer ?",
            label_en="How many hours a month can you give to it?",
            help_fr=(
                "Additionnez le temps de l'équipe et des administrateur·rice·s. Ce chiffre "
                "aide la coordination à planifier un rythme de rencontres réaliste."
            ),
            help_en=(
                "Add up the time of the staff and the board members. This figure helps "
                "the coordination plan a realistic pace of meetings."
            ),
        ),
        Question(
            code="impulsion.porteur",
            type=T.SHORT_TEXT,
            scope=S.ORGANISATION,
            label_fr="Qui portera la démarche dans votre organisation ?",
            label_en="Who will carry the process within your organisation?",
            help_fr=(
                "Le nom ou le rôle de la personne qui fera le lien avec les partenaires. "
                "Une personne désignée, appuyée par sa direction et son conseil, fait "
                "avancer les choses."
            ),
            help_en=(
                "The name or role of the person who will liaise with the partners. A "
                "designated person, backed by management and the board, keeps things "
                "moving."
            ),
        ),
    ),
)

PROJECT = Section(
    code="impulsion.projet",
    title_fr="Ce que nous cherchons ensemble",
    title_en="What we are looking for together",
    intro_fr=(
        "Attention aux économies espérées : elles ne sont réelles que si l'on compte tous "
        "les coûts, y compris ceux de la concertation, de la coordination, de la mise en "
        "place et du fonctionnement. Partager un camion, par exemple, demande un système "
        "de réservation ou une personne qui planifie les trajets."
    ),
    intro_en=(
        "Beware of hoped-for savings: they are only real if every cost is counted, "
        "including concertation, coordination, set-up and operation. Sharing a truck, for "
        "instance, needs a booking system or someone to plan the routes."
    ),
    questions=(
        Question(
            code="impulsion.besoin-commun",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quel est le besoin commun aux partenaires ?",
            label_en="What is the need the partners have in common?",
            help_fr=(
                "À partir des besoins de chaque organisation, formulez celui qui les "
                "rassemble. Un besoin réel, partagé et mobilisateur est ce qui tient le "
                "groupe quand la démarche devient exigeante."
            ),
            help_en=(
                "From each organisation's needs, word the one that brings them together. "
                "A real, shared and mobilising need is what holds the group together when "
                "the process gets demanding."
            ),
            required=True,
        ),
        Question(
            code="impulsion.objectif",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quel objectif commun (ou quels objectifs) les partenaires se donnent-ils ?",
            label_en="What common objective (or objectives) do the partners set themselves?",
            help_fr=(
                "Un objectif clair et mesurable sert de boussole à chaque étape et devient "
                "la base de l'évaluation. Des attentes différentes sont acceptables si "
                "elles sont partagées et écrites."
            ),
            help_en=(
                "A clear, measurable objective is a compass at every step and becomes the "
                "basis of the evaluation. Different expectations are fine if they are "
                "shared and written down."
            ),
        ),
        Question(
            code="impulsion.motivations-partagees",
            type=T.MULTI_CHOICE,
            scope=S.PROJECT,
            label_fr="Quelles motivations les partenaires ont-ils en commun ?",
            label_en="Which motivations do the partners share?",
            help_fr=(
                "Retenez celles que tous les partenaires reconnaissent. Les motivations "
                "partagées sont celles qu'on pourra mettre de l'avant auprès des conseils "
                "d'administration et des bailleurs de fonds."
            ),
            help_en=(
                "Keep those every partner recognises. Shared motivations are the ones that "
                "can be put forward to boards and funders."
            ),
            choices=MOTIVATION_CHOICES,
            allow_other=True,
        ),
        Question(
            code="impulsion.continuum",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="À ce stade, quelle forme de partage envisagez-vous ?",
            label_en="At this stage, what form of sharing do you have in mind?",
            help_fr=(
                "Le partage va du simple prêt à la fusion. Situer le projet sur ce "
                "continuum aide à ajuster l'effort de formalisation à sa complexité ; la "
                "réponse pourra changer en cours de route."
            ),
            help_en=(
                "Sharing ranges from a simple loan to a merger. Placing the project on "
                "this continuum helps match the formalisation effort to its complexity; "
                "the answer may change along the way."
            ),
            choices=CONTINUUM_CHOICES,
        ),
    ),
)

CONTENT = StepContent(
    step="impulsion",
    about=Text(
        "L'impulsion, c'est le moment de se demander pourquoi mettre des ressources en "
        "commun. Chaque organisation nomme le besoin qui la pousse à chercher des "
        "partenaires et ce qu'elle espère en retirer ; le groupe dégage ensuite le besoin "
        "et l'objectif qui le rassemblent.",
        "Impetus is the moment to ask why resources should be pooled. Each "
        "organisation names the need that makes it look for partners and what it hopes to "
        "gain; the group then draws out the need and the objective that bring it "
        "together.",
    ),
    key_actions=(
        Text(
            "Nommer le besoin de fond, avant de penser aux solutions.",
            "Name the underlying need before thinking of solutions.",
        ),
        Text(
            "Comprendre le besoin et les motivations de chaque partenaire.",
            "Understand each partner's need and motivations.",
        ),
        Text(
            "Dégager un besoin commun et un ou des objectifs partagés.",
            "Draw out a common need and one or more shared objectives.",
        ),
        Text(
            "Estimer l'énergie que chacun peut réellement consacrer à la démarche.",
            "Estimate the energy each partner can really give to the process.",
        ),
        Text(
            "Informer tôt les conseils d'administration de l'intention de mutualiser.",
            "Tell the boards early about the intention to pool.",
        ),
    ),
    attention_points=(
        Text(
            "Les motivations peuvent différer d'un partenaire à l'autre : il vaut mieux "
            "les écrire que les deviner.",
            "Motivations may differ between partners: better to write them down than to "
            "guess them.",
        ),
        Text(
            "Les économies ne sont réelles que si l'on compte aussi les coûts de "
            "coordination, de mise en place et de fonctionnement.",
            "Savings are only real if coordination, set-up and operating costs are counted too.",
        ),
        Text(
            "Une mutualisation doit profiter à chacune des parties, pas seulement au groupe.",
            "A mutualisation must benefit each party, not only the group.",
        ),
        Text(
            "Le temps est le frein que les porteurs de projets nomment le plus : une "
            "démarche trop lourde pour les "
            "équipes s'essouffle.",
            "Time is the obstacle project leads name most: a process too heavy for the "
            "teams runs out "
            "of steam.",
        ),
    ),
    sections=(ORGANISATION, PROJECT),
)
