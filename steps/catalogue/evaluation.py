"""Step 6, évaluation: continuous, planned from the start. The logic model, the
indicators and the evaluation rounds (« Bilans ») have their own tools; the rounds hold
what worked, the targets and the effects. These are the few project-wide questions left:
the savings, the partners' satisfaction and what comes next."""

from .base import Choice, Question, Section, StepContent, Text
from .base import QuestionType as T
from .base import Scope as S

# Asked once, retired when the rounds (« Bilans d'évaluation », steps/evaluation) became
# the one place for them: what worked, the targets, the unexpected effects, what worked
# less well and what to improve. Answers stored under these codes stay in the database
# and in the JSON export, but no page asks or shows them. Never reuse these codes.
RETIRED_CODES = frozenset(
    {
        "evaluation.reussites",
        "evaluation.cibles",
        "evaluation.effets-imprevus",
        "evaluation.difficultes",
        "evaluation.ameliorations",
    }
)

NEXT_CHOICES = (
    Choice("poursuivre", "Poursuivre tel quel", "Carry on as is"),
    Choice("ajuster", "Poursuivre en ajustant", "Carry on with adjustments"),
    Choice(
        "elargir",
        "Élargir à d'autres ressources ou partenaires",
        "Widen to other resources or partners",
    ),
    Choice("suspendre", "Suspendre ou mettre fin", "Pause or end"),
)

RESULTS = Section(
    code="evaluation.resultats",
    title_fr="Économies et climat",
    title_en="Savings and climate",
    intro_fr=(
        "Ce qui a fonctionné, l'atteinte des cibles et les effets observés se notent "
        "dans les bilans d'évaluation, un par rencontre. Ici, deux repères pour "
        "l'ensemble du projet depuis la dernière évaluation."
    ),
    intro_en=(
        "What worked, the targets met and the effects seen are noted in the evaluation "
        "rounds, one per meeting. Here, two markers for the whole project since the "
        "last evaluation."
    ),
    questions=(
        Question(
            code="evaluation.economies",
            type=T.MONEY,
            scope=S.PROJECT,
            label_fr="Quelles économies ou quels revenus la mutualisation a-t-elle générés ?",
            label_en="What savings or income has the mutualisation generated?",
            help_fr=(
                "Le montant net sur la période, une fois déduits les coûts de "
                "coordination. À comparer aux économies visées lors de la modélisation."
            ),
            help_en=(
                "The net amount over the period, after coordination costs. To compare "
                "with the savings aimed for in the Modelling step."
            ),
        ),
        Question(
            code="evaluation.satisfaction",
            type=T.SCALE,
            scope=S.PROJECT,
            label_fr=(
                "Dans l'ensemble, les partenaires sont-ils satisfaits "
                "(1 = pas du tout, 5 = très) ?"
            ),
            label_en="Overall, are the partners satisfied (1 = not at all, 5 = very)?",
            help_fr=(
                "Une mesure simple du climat entre partenaires. Une baisse d'une "
                "évaluation à l'autre est un signal à discuter."
            ),
            help_en=(
                "A simple measure of the climate between partners. A drop from one "
                "evaluation to the next is a signal to talk about."
            ),
        ),
    ),
)

ADJUSTMENTS = Section(
    code="evaluation.ajustements",
    title_fr="Ajuster et recommencer",
    title_en="Adjust and start again",
    questions=(
        Question(
            code="evaluation.suite",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="Pour la suite, que décident les partenaires ?",
            label_en="What do the partners decide for what comes next?",
            help_fr=(
                "Une mutualisation évolue : on peut l'ajuster, l'élargir ou y mettre fin "
                "proprement, selon ce que l'évaluation montre."
            ),
            help_en=(
                "A mutualisation evolves: it can be adjusted, widened or ended cleanly, "
                "depending on what the evaluation shows."
            ),
            choices=NEXT_CHOICES,
        ),
        Question(
            code="evaluation.prochaine",
            type=T.DATE,
            scope=S.PROJECT,
            label_fr="Quand aura lieu la prochaine évaluation ?",
            label_en="When will the next evaluation take place?",
            help_fr=(
                "Fixer la date maintenant fait de l'évaluation une habitude plutôt "
                "qu'une corvée de fin de projet."
            ),
            help_en=(
                "Setting the date now makes evaluation a habit rather than an "
                "end-of-project chore."
            ),
        ),
    ),
)

CONTENT = StepContent(
    step="evaluation",
    about=Text(
        "L'évaluation se fait en continu et se planifie dès le départ. Les partenaires "
        "regardent ce qui a fonctionné, les cibles atteintes et les effets observés, y "
        "compris les imprévus, puis ajustent et évaluent de nouveau. Un modèle logique "
        "relie les activités à leurs effets à court, moyen et long terme.",
        "Evaluation is continuous and planned from the start. The partners look at "
        "what worked, the targets met and the effects seen, unexpected ones included, "
        "then adjust and evaluate again. A logic model links activities to their "
        "short-, medium- and long-term effects.",
    ),
    key_actions=(
        Text(
            "Se donner des objectifs clairs et des indicateurs mesurables.",
            "Set clear objectives and measurable indicators.",
        ),
        Text(
            "Construire le modèle logique : activités, extrants, effets.",
            "Build the logic model: activities, outputs, effects.",
        ),
        Text(
            "Mesurer les effets prévus et repérer ceux qu'on n'avait pas prévus.",
            "Measure the expected effects and spot the unexpected ones.",
        ),
        Text(
            "Nommer ce qui a moins bien fonctionné et décider des améliorations.",
            "Name what worked less well and decide on improvements.",
        ),
        Text(
            "Ajuster le plan d'action, puis évaluer de nouveau.",
            "Adjust the action plan, then evaluate again.",
        ),
    ),
    attention_points=(
        Text(
            "Une évaluation planifiée à la fin arrive trop tard : prévoyez-la dès l'impulsion.",
            "An evaluation planned at the end comes too late: plan it from the Impetus step.",
        ),
        Text(
            "Distinguez ce qui était anticipé de ce qui a été découvert en chemin.",
            "Tell apart what was anticipated from what was discovered along the way.",
        ),
        Text(
            "Comptez aussi les effets difficiles à chiffrer : liens de confiance, "
            "solidarité, rayonnement.",
            "Count the effects that are hard to put in figures too: trust, solidarity, reach.",
        ),
        Text(
            "Partagez les résultats avec tous les partenaires, pas seulement avec la "
            "coordination.",
            "Share the results with every partner, not only with the coordination.",
        ),
    ),
    sections=(RESULTS, ADJUSTMENTS),
)
