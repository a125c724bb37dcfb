"""Step 6, évaluation: continuous, planned from the start. The logic model and the
indicators have their own tools; these are the open questions of each round."""

from .base import Choice, Question, Section, StepContent, Text
from .base import QuestionType as T
from .base import Scope as S

TARGETS_CHOICES = (
    Choice("toutes", "Toutes", "All of them"),
    Choice("plupart", "La plupart", "Most of them"),
    Choice("quelques-unes", "Quelques-unes", "A few"),
    Choice("aucune", "Aucune", "None"),
    Choice("trop-tot", "Il est trop tôt pour le dire", "It is too early to tell"),
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
    title_fr="Ce qui s'est passé",
    title_en="What happened",
    intro_fr=(
        "L'évaluation se fait en continu et se prépare dès le départ. Répondez pour la "
        "période écoulée depuis la dernière évaluation."
    ),
    intro_en=(
        "Evaluation is continuous and prepared from the start. Answer for the period "
        "since the last evaluation."
    ),
    questions=(
        Question(
            code="evaluation.reussites",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Qu'est-ce qui a bien fonctionné ?",
            label_en="What worked well?",
            help_fr=(
                "Les pratiques, les décisions et les outils qui ont aidé. Les nommer "
                "permet de les garder quand les personnes changent."
            ),
            help_en=(
                "The practices, decisions and tools that helped. Naming them keeps them "
                "alive when people change."
            ),
            required=True,
        ),
        Question(
            code="evaluation.cibles",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="Les cibles fixées ont-elles été atteintes ?",
            label_en="Were the targets met?",
            help_fr=(
                "Comparez avec les objectifs de l'impulsion et les cibles du plan "
                "d'action. Des cibles claires et mesurables rendent cette question "
                "simple."
            ),
            help_en=(
                "Compare with the impulsion's objectives and the action plan's targets. "
                "Clear, measurable targets make this question easy."
            ),
            choices=TARGETS_CHOICES,
        ),
        Question(
            code="evaluation.effets-imprevus",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quels effets imprévus avez-vous observés ?",
            label_en="Which unexpected effects have you seen?",
            help_fr=(
                "Bons ou moins bons : nouveaux liens entre équipes, services améliorés, "
                "charge de travail déplacée. Ce qu'on découvre en chemin compte autant "
                "que ce qu'on avait prévu."
            ),
            help_en=(
                "Good or less good: new ties between teams, better services, workload "
                "shifted elsewhere. What you discover along the way counts as much as "
                "what you planned."
            ),
        ),
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
                "with the savings aimed for in the modélisation."
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
            code="evaluation.difficultes",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Qu'est-ce qui a moins bien fonctionné ?",
            label_en="What worked less well?",
            help_fr=(
                "Sans chercher de coupable : les irritants, les retards, les "
                "malentendus. C'est la matière première des améliorations."
            ),
            help_en=(
                "Without looking for culprits: the irritants, delays, misunderstandings. "
                "This is the raw material of improvement."
            ),
        ),
        Question(
            code="evaluation.ameliorations",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Que faut-il améliorer, et comment ?",
            label_en="What should be improved, and how?",
            help_fr=(
                "Des changements précis, qui pourront devenir des actions du prochain "
                "plan d'action."
            ),
            help_en="Precise changes, which can become actions of the next action plan.",
        ),
        Question(
            code="evaluation.suite",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="Pour la suite, que décident les partenaires ?",
            label_en="What do the partners decide for what comes next?",
            help_fr=(
                "Une mutualisation évolue : on peut l'ajuster, l'élargir ou y mettre fin "
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
            "Construire le modèle logique : activités, extrants, effets.",
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
            "Une évaluation planifiée à la fin arrive trop tard : prévoyez-la dès l'impulsion.",
            "An evaluation planned at the end comes too late: plan it from the impulsion.",
        ),
        Text(
            "Distinguez ce qui était anticipé de ce qui a été découvert en chemin.",
            "Tell apart what was anticipated from what was discovered along the way.",
        ),
        Text(
            "Comptez aussi les effets difficiles à chiffrer : liens de confiance, "
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
