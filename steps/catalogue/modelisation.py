"""Step 4, modélisation: the operating model. The structured tools (pooled resources and
their cost of use, decision process, agreement) have their own pages; these are the
open questions the partners settle together."""

from .base import Choice, Question, Section, StepContent, Text
from .base import QuestionType as T
from .base import Scope as S

LETTERS_PATENT_CHOICES = (
    Choice("non", "Non, nos objets le permettent déjà", "No, our objects already allow it"),
    Choice(
        "oui",
        "Oui, pour au moins une organisation",
        "Yes, for at least one organisation",
    ),
    Choice("a-verifier", "À vérifier", "To be checked"),
)

IP_CHOICES = (
    Choice(
        "createur",
        "L'organisation qui a produit le contenu",
        "The organisation that produced the content",
    ),
    Choice("commune", "Tous les partenaires, en commun", "All the partners, jointly"),
    Choice(
        "porteuse",
        "L'organisation porteuse ou la nouvelle entité",
        "The lead organisation or the new entity",
    ),
    Choice("a-determiner", "À déterminer", "To be determined"),
)

WHOLE = Section(
    code="modelisation.nous",
    title_fr="Le « nous » que nous formons",
    title_en="The “us” we form",
    intro_fr=(
        "Avant de parler de contrat, les partenaires décrivent l'ensemble qu'ils forment "
        "et ce qu'ils font ensemble, sur quel territoire et pour qui."
    ),
    intro_en=(
        "Before talking about contracts, the partners describe the whole they form and "
        "what they do together, on which territory and for whom."
    ),
    questions=(
        Question(
            code="modelisation.ensemble",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quel « tout » les partenaires forment-ils ensemble ?",
            label_en="What “whole” do the partners form together?",
            help_fr=(
                "Un regroupement informel, un consortium, une future organisation ? Le "
                "« tout » n'a pas toujours d'existence légale : il faut alors décider qui "
                "agit en son nom et pour quoi."
            ),
            help_en=(
                "An informal group, a consortium, a future organisation? The “whole” "
                "does not always have legal standing: someone must then be empowered to "
                "act on its behalf, for precise purposes."
            ),
            required=True,
        ),
        Question(
            code="modelisation.zones",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quelles sont vos zones d'intervention communes ?",
            label_en="What are your shared areas of intervention?",
            help_fr=(
                "Les territoires, les services ou les activités où le travail commun "
                "s'exerce. Les délimiter évite que la mutualisation empiète sur ce que "
                "chacun veut garder en propre."
            ),
            help_en=(
                "The territories, services or activities where the joint work happens. "
                "Drawing their limits keeps the mutualisation from encroaching on what "
                "each wants to keep for itself."
            ),
        ),
        Question(
            code="modelisation.clientele",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quelle clientèle avez-vous en commun ?",
            label_en="Which clientele do you have in common?",
            help_fr=(
                "Les personnes ou les organisations que le projet sert. Une clientèle "
                "partagée demande de s'entendre sur l'accueil, la confidentialité et la "
                "référence entre organisations."
            ),
            help_en=(
                "The people or organisations the project serves. A shared clientele calls "
                "for agreeing on intake, confidentiality and referrals between "
                "organisations."
            ),
        ),
        Question(
            code="modelisation.complementarite",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Comment tirer le meilleur parti de vos complémentarités ?",
            label_en="How can you make the most of your complementarities?",
            help_fr=(
                "Qui fait quoi, selon les forces de chacun. L'asymétrie entre partenaires "
                "est une chance d'explorer ce que chacun apporte de différent."
            ),
            help_en=(
                "Who does what, according to each one's strengths. Asymmetry between "
                "partners is a chance to explore what each brings that is different."
            ),
        ),
    ),
)

FRAMEWORK = Section(
    code="modelisation.cadre",
    title_fr="Le cadre de l'entente",
    title_en="The frame of the agreement",
    intro_fr=(
        "La formalité de l'entente doit suivre la complexité de ce qui est partagé : "
        "une lettre d'entente suffit parfois, un contrat ou une nouvelle organisation "
        "s'impose ailleurs."
    ),
    intro_en=(
        "The formality of the agreement should match the complexity of what is shared: "
        "a letter of agreement is sometimes enough, elsewhere a contract or a new "
        "organisation is needed."
    ),
    questions=(
        Question(
            code="modelisation.contrat",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Que doit prévoir l'entente écrite ?",
            label_en="What must the written agreement provide for?",
            help_fr=(
                "Les responsabilités de chacun, le partage des coûts et des bénéfices, "
                "les règles d'utilisation, la sortie d'un partenaire. Des attentes "
                "différentes sont acceptables si elles sont écrites."
            ),
            help_en=(
                "Each party's responsibilities, how costs and benefits are shared, the "
                "rules of use, how a partner leaves. Different expectations are fine if "
                "they are written down."
            ),
        ),
        Question(
            code="modelisation.lettres-patentes",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="Les lettres patentes d'une organisation doivent-elles être modifiées ?",
            label_en="Must an organisation's letters patent be amended?",
            help_fr=(
                "Si la mutualisation sort des objets prévus dans les lettres patentes, "
                "une modification s'impose, avec une assemblée des membres : il faut "
                "prévoir ce délai."
            ),
            help_en=(
                "If the mutualisation goes beyond the objects set out in the letters "
                "patent, an amendment is needed, with a members' meeting: plan for the "
                "delay."
            ),
            choices=LETTERS_PATENT_CHOICES,
        ),
        Question(
            code="modelisation.responsable",
            type=T.SHORT_TEXT,
            scope=S.PROJECT,
            label_fr="Qui est responsable de la ressource mutualisée ?",
            label_en="Who is responsible for the pooled resource?",
            help_fr=(
                "Un bien qui appartient à tous n'appartient à personne. Désignez "
                "l'organisation ou la personne qui en répond : entretien, bris, "
                "remplacement."
            ),
            help_en=(
                "A good owned by everyone is owned by no one. Name the organisation or "
                "person answerable for it: upkeep, breakage, replacement."
            ),
        ),
        Question(
            code="modelisation.propriete-intellectuelle",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr=(
                "À qui appartient la propriété intellectuelle de ce qui est produit ensemble ?"
            ),
            label_en="Who owns the intellectual property of what is produced together?",
            help_fr=(
                "Outils, contenus, recettes, données : mieux vaut le décider avant de "
                "produire, surtout si un partenaire quitte un jour le projet."
            ),
            help_en=(
                "Tools, content, recipes, data: better decide before producing, "
                "especially in case a partner leaves the project one day."
            ),
            choices=IP_CHOICES,
            allow_other=True,
        ),
        Question(
            code="modelisation.marque",
            type=T.SHORT_TEXT,
            scope=S.PROJECT,
            label_fr="Sous quel nom ou quelle marque ce qui est produit sera-t-il présenté ?",
            label_en="Under which name or brand will what is produced be presented?",
            help_fr=(
                "Une marque commune donne de la visibilité au projet, mais chaque "
                "organisation veut aussi être reconnue pour sa contribution."
            ),
            help_en=(
                "A common brand gives the project visibility, but each organisation also "
                "wants recognition for its contribution."
            ),
        ),
        Question(
            code="modelisation.asymetrie",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr=(
                "Acceptez-vous des contributions inégales, et où se situe le point de rupture ?"
            ),
            label_en="Do you accept unequal contributions, and where is the breaking point?",
            help_fr=(
                "L'implication ne sera pas la même partout. L'accepter explicitement, en "
                "fixant dès le départ ses limites, évite les frustrations qui usent les "
                "partenariats."
            ),
            help_en=(
                "Involvement will not be the same everywhere. Accepting it explicitly, and "
                "setting its limits from the start, avoids the frustrations that wear "
                "partnerships down."
            ),
        ),
    ),
)

ECONOMICS = Section(
    code="modelisation.economie",
    title_fr="Les grandes lignes économiques",
    title_en="The economic outline",
    intro_fr=(
        "Le coût d'utilisation de chaque ressource se calcule dans l'outil prévu à cet "
        "effet. Ici, les montants d'ensemble que les partenaires retiennent."
    ),
    intro_en=(
        "The cost of use of each resource is worked out in its own tool. Here, the "
        "overall amounts the partners settle on."
    ),
    questions=(
        Question(
            code="modelisation.budget-demarrage",
            type=T.MONEY,
            scope=S.PROJECT,
            label_fr="Quel budget de démarrage prévoyez-vous ?",
            label_en="What start-up budget do you plan?",
            help_fr=(
                "Achats, aménagements, frais juridiques, temps de coordination de la "
                "mise en place. Ces coûts ponctuels s'oublient facilement dans les "
                "calculs d'économies."
            ),
            help_en=(
                "Purchases, fit-out, legal fees, coordination time for the set-up. These "
                "one-off costs are easily forgotten in savings estimates."
            ),
        ),
        Question(
            code="modelisation.cout-coordination",
            type=T.MONEY,
            scope=S.PROJECT,
            label_fr="Combien coûtera la coordination de la mutualisation chaque année ?",
            label_en="How much will coordinating the mutualisation cost each year?",
            help_fr=(
                "Réservations, planification, facturation, rencontres. Ce coût récurrent "
                "doit entrer dans le coût d'utilisation, sinon les économies sont "
                "surestimées."
            ),
            help_en=(
                "Bookings, planning, billing, meetings. This recurring cost must be part "
                "of the cost of use, or savings are overestimated."
            ),
        ),
        Question(
            code="modelisation.economies-visees",
            type=T.MONEY,
            scope=S.PROJECT,
            label_fr="Quelles économies annuelles visez-vous pour l'ensemble des partenaires ?",
            label_en="What yearly savings do you aim for across all partners?",
            help_fr=(
                "Une cible chiffrée, une fois tous les coûts comptés, sera reprise à "
                "l'évaluation pour vérifier si la mutualisation tient ses promesses."
            ),
            help_en=(
                "A figure, once every cost is counted, that the evaluation will take up "
                "to check whether the mutualisation keeps its promises."
            ),
        ),
    ),
)

CONTENT = StepContent(
    step="modelisation",
    about=Text(
        "La modélisation dessine le fonctionnement du projet : ce qui est mis en commun "
        "et à quelles conditions, comment les partenaires décident et communiquent, et "
        "sous quelle forme ils s'engagent. Elle comprend aussi l'analyse économique : le "
        "coût d'utilisation de chaque ressource et son seuil de rentabilité.",
        "Modelling designs how the project works: what is pooled and on what "
        "terms, how the partners decide and communicate, and in what form they commit. "
        "It also covers the economic analysis: the cost of use of each resource and its "
        "break-even point.",
    ),
    key_actions=(
        Text(
            "Choisir les ressources mutualisées et leurs conditions d'utilisation.",
            "Choose the pooled resources and their conditions of use.",
        ),
        Text(
            "Convenir du mode de décision, du rythme des rencontres et des canaux de "
            "communication.",
            "Agree on the decision process, the meeting pace and the communication channels.",
        ),
        Text(
            "Choisir la forme de l'entente : lettre, contrat, copropriété ou nouvelle "
            "organisation.",
            "Choose the form of the agreement: letter, contract, co-ownership or new "
            "organisation.",
        ),
        Text(
            "Calculer le coût d'utilisation et le seuil de rentabilité de chaque ressource.",
            "Work out the cost of use and the break-even point of each resource.",
        ),
        Text(
            "Désigner qui est responsable de chaque ressource mutualisée.",
            "Name who is responsible for each shared resource.",
        ),
    ),
    attention_points=(
        Text(
            "Les étapes de la modélisation ne sont pas chronologiques : on y revient souvent.",
            "The parts of Modelling are not chronological: you come back to them often.",
        ),
        Text(
            "Comptez tous les coûts : consommables, entretien, remplacement, temps de "
            "préparation, frais administratifs et gestion de la mutualisation.",
            "Count every cost: consumables, maintenance, replacement, preparation time, "
            "administrative fees and management of the mutualisation.",
        ),
        Text(
            "Une contribution inégale se gère si elle est acceptée et encadrée dès le départ.",
            "Unequal contribution can be handled if it is accepted and framed from the start.",
        ),
        Text(
            "Valorisez ce qui est échangé selon sa valeur pour les parties, pas seulement "
            "selon son prix du marché.",
            "Value what is exchanged by its worth to the parties, not only by its market price.",
        ),
    ),
    sections=(WHOLE, FRAMEWORK, ECONOMICS),
)
