"""Step 5, réalisation: planning (mobilisation, strategic plan) and implementation
(action plan, agreement, communication). The plans have their own tools; these are the
open questions of the step."""

from .base import Choice, Question, Section, StepContent, Text
from .base import QuestionType as T
from .base import Scope as S

COMMUNICATION_PLAN_CHOICES = (
    Choice("interne", "Oui, surtout à l'interne", "Yes, mostly internal"),
    Choice("externe", "Oui, surtout à l'externe", "Yes, mostly external"),
    Choice("les-deux", "Oui, à l'interne et à l'externe", "Yes, internal and external"),
    Choice("non", "Non, pas pour le moment", "No, not for now"),
)

# Issue 19: who is consulted about the change, whether outside help supports it, and the
# qualities of good communication (from the guide's conditions of success).
CONSULTED_CHOICES = (
    Choice("personnel", "Le personnel", "Staff"),
    Choice("conseils", "Les conseils d'administration", "The boards"),
    Choice("membres", "Les membres", "Members"),
    Choice("benevoles", "Les bénévoles", "Volunteers"),
    Choice("usagers", "Les personnes qui utilisent les services", "People who use the services"),
)

OUTSIDE_HELP_CHOICES = (
    Choice("oui", "Oui, une ressource est déjà trouvée", "Yes, someone is already found"),
    Choice("a-chercher", "Oui, à trouver", "Yes, still to find"),
    Choice("non", "Non, pas pour le moment", "No, not for now"),
)

COMMUNICATION_QUALITY_CHOICES = (
    Choice(
        "ecoute",
        "Chaque organisation écoute ses propres gens, et écoute les autres",
        "Each organisation listens to its own people, and to the others",
    ),
    Choice(
        "attentes",
        "Les attentes et les ententes sont dites clairement",
        "Expectations and agreements are stated clearly",
    ),
    Choice(
        "vocabulaire",
        "Un vocabulaire commun : les mots clés ont été définis ensemble",
        "A shared vocabulary: the key words were defined together",
    ),
    Choice(
        "message",
        "Un seul message, cohérent, pour toutes les parties prenantes",
        "One consistent message for all stakeholders",
    ),
    Choice(
        "reconnaissance",
        "L'apport de chaque partenaire est reconnu",
        "Each partner's contribution is acknowledged",
    ),
)

PLANNING = Section(
    code="realisation.planification",
    title_fr="Planifier",
    title_en="Planning",
    intro_fr=(
        "Avant d'agir, chaque organisation mobilise ses propres gens : conseil "
        "d'administration, équipe, membres. Le plan stratégique du « nous » se construit "
        "dans l'outil prévu à cet effet."
    ),
    intro_en=(
        "Before acting, each organisation brings its own people on board: board, staff, "
        "members. The strategic plan of the “us” is built in its own tool."
    ),
    questions=(
        Question(
            code="realisation.mobilisation",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Comment chaque organisation mobilise-t-elle ses parties prenantes ?",
            label_en="How does each organisation bring its stakeholders on board?",
            help_fr=(
                "Présentations au conseil, rencontres d'équipe, assemblée des membres. "
                "Mobiliser les conseils et les équipes compte parmi les défis nommés par "
                "les porteurs de projets : mieux vaut s'y prendre tôt."
            ),
            help_en=(
                "Board presentations, staff meetings, members' assembly. Involving boards "
                "and teams is among the challenges project leads name: better start early."
            ),
            required=True,
        ),
        Question(
            code="realisation.porteur",
            type=T.SHORT_TEXT,
            scope=S.PROJECT,
            label_fr="Qui porte la mise en œuvre au nom des partenaires ?",
            label_en="Who leads putting it into practice on the partners' behalf?",
            help_fr=(
                "Une personne ou une organisation, avec un mandat clair. Les porteurs de "
                "projets interrogés comptent un leadership reconnu parmi ce qui aide un "
                "projet à avancer."
            ),
            help_en=(
                "A person or an organisation, with a clear mandate. The project leads "
                "interviewed count recognised leadership among what helps a project move "
                "forward."
            ),
        ),
        Question(
            code="realisation.heures-coordination",
            type=T.NUMBER,
            scope=S.PROJECT,
            label_fr=(
                "Combien d'heures de coordination par mois la mise en œuvre demandera-t-elle ?"
            ),
            label_en="How many hours of coordination a month will putting it into practice need?",
            help_fr=(
                "Une estimation réaliste de l'énergie demandée, à comparer aux bénéfices "
                "attendus et à prévoir dans les budgets."
            ),
            help_en=(
                "A realistic estimate of the energy required, to weigh against the "
                "expected benefits and plan for in the budgets."
            ),
        ),
        Question(
            code="realisation.consultation-changement",
            type=T.MULTI_CHOICE,
            scope=S.PROJECT,
            label_fr="Qui a été consulté sur le changement, dans les organisations ?",
            label_en="Who has been consulted about the change, in the organisations?",
            help_fr=(
                "Un changement annoncé à la dernière minute braque les gens. Consulter tôt "
                "le personnel, les conseils et les membres donne le temps d'ajuster le projet."
            ),
            help_en=(
                "A change announced at the last minute puts people on the defensive. "
                "Consulting staff, boards and members early leaves time to adjust the project."
            ),
            choices=CONSULTED_CHOICES,
            allow_other=True,
        ),
        Question(
            code="realisation.inquietudes-personnel",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quelles inquiétudes le personnel exprime-t-il, et qu'y répondez-vous ?",
            label_en="What worries do staff express, and how do you answer them?",
            help_fr=(
                "Surtout si du personnel est partagé : à qui rend-il des comptes, comment "
                "concilier plusieurs rôles, que se passe-t-il si quelqu'un part ?"
            ),
            help_en=(
                "Especially when staff are shared: who they report to, how to juggle "
                "several roles, what happens if someone leaves?"
            ),
        ),
        Question(
            code="realisation.accompagnement-externe",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="Une ressource externe accompagnera-t-elle le changement ?",
            label_en="Will an outside adviser support the change?",
            help_fr=(
                "Une personne neutre, d'un organisme d'accompagnement ou de développement, "
                "aide à dénouer un blocage et à soutenir les équipes."
            ),
            help_en=(
                "A neutral person, from a support or development body, helps to untangle "
                "a deadlock and to support the teams."
            ),
            choices=OUTSIDE_HELP_CHOICES,
        ),
    ),
)

IMPLEMENTATION = Section(
    code="realisation.mise-en-oeuvre",
    title_fr="Mettre en œuvre",
    title_en="Putting into practice",
    intro_fr=(
        "La mise en œuvre suit un plan d'action annuel et mène à la signature de "
        "l'entente de mutualisation. Une approche progressive, par essais, permet "
        "d'ajuster en cours de route."
    ),
    intro_en=(
        "Putting into practice follows a yearly action plan and leads to signing the pooling "
        "agreement. A step-by-step, experimental approach allows adjusting along the "
        "way."
    ),
    questions=(
        Question(
            code="realisation.echeancier-entente",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quel est l'échéancier pour formaliser l'entente de mutualisation ?",
            label_en="What is the timeline to formalise the pooling agreement?",
            help_fr=(
                "Les étapes jusqu'à la signature : rédaction, révision juridique au "
                "besoin, adoption par chaque conseil d'administration. Chacune prend plus "
                "de temps qu'on ne le pense."
            ),
            help_en=(
                "The steps up to signing: drafting, legal review if needed, adoption by "
                "each board. Each takes longer than expected."
            ),
        ),
        Question(
            code="realisation.date-entente",
            type=T.DATE,
            scope=S.PROJECT,
            label_fr="À quelle date visez-vous la signature de l'entente ?",
            label_en="By what date do you aim to sign the agreement?",
            help_fr=(
                "Une date cible donne un horizon commun et permet de caler les séances "
                "des conseils d'administration."
            ),
            help_en=(
                "A target date gives a common horizon and lets you schedule the board meetings."
            ),
        ),
        Question(
            code="realisation.date-demarrage",
            type=T.DATE,
            scope=S.PROJECT,
            label_fr="Quand la mise en commun commencera-t-elle concrètement ?",
            label_en="When will the pooling actually start?",
            help_fr=(
                "Le premier jour d'utilisation de la ressource mutualisée, même à l'essai. "
                "L'évaluation mesurera les effets à partir de ce moment."
            ),
            help_en=(
                "The first day the shared resource is used, even as a trial. The "
                "evaluation will measure effects from then on."
            ),
        ),
        Question(
            code="realisation.plan-communication",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="Un plan de communication est-il nécessaire ?",
            label_en="Is a communication plan needed?",
            help_fr=(
                "Quand l'acceptabilité sociale est en jeu, auprès des équipes, des "
                "membres ou de la population, un plan de communication évite que des "
                "rumeurs prennent la place de l'information."
            ),
            help_en=(
                "When social acceptability is at stake, with staff, members or the "
                "public, a communication plan keeps rumours from taking the place of "
                "information."
            ),
            choices=COMMUNICATION_PLAN_CHOICES,
        ),
        Question(
            code="realisation.qualites-communication",
            type=T.MULTI_CHOICE,
            scope=S.PROJECT,
            label_fr="Votre communication a-t-elle déjà ces qualités ?",
            label_en="Does your communication already have these qualities?",
            help_fr=(
                "Cochez ce qui est acquis ; le reste a sa place dans le plan de communication."
            ),
            help_en="Tick what is in place; the rest belongs in the communication plan.",
            choices=COMMUNICATION_QUALITY_CHOICES,
        ),
        Question(
            code="realisation.vocabulaire-commun",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quels mots faut-il définir ensemble pour parler de la même chose ?",
            label_en="Which words must you define together to mean the same thing?",
            help_fr=(
                "« Dégonfler les mots » : mutualisation, membre, coût, "
                "partage… Chacun dit ce qu'il met derrière, et le groupe écrit sa "
                "définition."
            ),
            help_en=(
                "“Deflate the words”: pooling, member, cost, sharing… Each says what "
                "they mean by them, and the group writes down its definition."
            ),
        ),
        Question(
            code="realisation.acceptabilite",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quels enjeux d'acceptabilité prévoyez-vous, et auprès de qui ?",
            label_en="Which acceptability issues do you foresee, and with whom?",
            help_fr=(
                "Une équipe qui craint pour ses postes, des membres attachés à leur "
                "organisation, des voisins inquiets. Les nommer permet d'y répondre."
            ),
            help_en=(
                "Staff worried about their jobs, members attached to their organisation, "
                "anxious neighbours. Naming them lets you respond."
            ),
        ),
    ),
)

CONTENT = StepContent(
    step="realisation",
    about=Text(
        "La réalisation se vit en deux temps. D'abord la planification : mobiliser les "
        "gens de chaque organisation et bâtir le plan stratégique du « nous ». Puis la "
        "mise en œuvre : un plan d'action annuel et l'échéancier menant à l'entente de "
        "mutualisation.",
        "Implementation has two phases. First planning: bring each organisation's "
        "people on board and build the strategic plan of the “us”. Then "
        "putting into practice: a yearly action plan and the timeline leading to the pooling "
        "agreement.",
    ),
    key_actions=(
        Text(
            "Mobiliser les conseils d'administration, les équipes et les membres de "
            "chaque organisation.",
            "Bring the boards, staff and members of each organisation on board.",
        ),
        Text(
            "Écrire le plan stratégique : vision et valeurs du « nous », axes "
            "d'intervention, orientations et stratégies.",
            "Write the strategic plan: vision and values of the “us”, areas of "
            "intervention, orientations and strategies.",
        ),
        Text(
            "Dresser le plan d'action annuel : actions, rôles, cibles et échéances.",
            "Draw up the yearly action plan: actions, roles, targets and deadlines.",
        ),
        Text(
            "Fixer l'échéancier de l'entente de mutualisation et la faire adopter.",
            "Set the timeline of the pooling agreement and have it adopted.",
        ),
        Text(
            "Prévoir un plan de communication si l'acceptabilité sociale est en jeu.",
            "Plan the communication if social acceptability is at stake.",
        ),
    ),
    attention_points=(
        Text(
            "Des rôles et des responsabilités clairs évitent que tout repose sur une "
            "seule personne.",
            "Clear roles and responsibilities keep everything from resting on one person.",
        ),
        Text(
            "Expérimenter progressivement permet d'apprendre sans tout risquer.",
            "Experimenting step by step lets you learn without risking everything.",
        ),
        Text(
            "Gardez l'équilibre entre la vision de chaque organisation et la vision collective.",
            "Keep the balance between each organisation's vision and the collective vision.",
        ),
        Text(
            "Prévoyez l'évaluation dès maintenant : des cibles claires aujourd'hui sont "
            "des indicateurs demain.",
            "Plan the evaluation now: clear targets today are tomorrow's indicators.",
        ),
    ),
    sections=(PLANNING, IMPLEMENTATION),
)
