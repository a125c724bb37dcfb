"""Step 3, diagnostic: cross the portraits (the grid is its own tool) and judge the
potential of mutualisation. The questions here are the coordination's synthesis."""

from .base import Choice, Question, Section, StepContent, Text
from .base import QuestionType as T
from .base import Scope as S

POTENTIAL_CHOICES = (
    Choice("eleve", "Élevé : allons de l'avant", "High: let us go ahead"),
    Choice(
        "moyen",
        "Moyen : possible, à certaines conditions",
        "Medium: possible, on some conditions",
    ),
    Choice("faible", "Faible : pas pour le moment", "Low: not for now"),
    Choice(
        "a-preciser",
        "À préciser : il nous manque de l'information",
        "To be clarified: we lack information",
    ),
)

SYNTHESIS = Section(
    code="diagnostic.synthese",
    title_fr="Ce que révèle la grille",
    title_en="What the grid shows",
    intro_fr=(
        "Une fois la grille remplie, la coordination résume ici ce que les partenaires "
        "en retiennent, idéalement au terme d'une rencontre où tout le monde a vu les "
        "mêmes portraits."
    ),
    intro_en=(
        "Once the grid is filled in, the coordination sums up here what the partners "
        "take from it, ideally after a meeting where everyone has seen the same "
        "portraits."
    ),
    questions=(
        Question(
            code="diagnostic.convergences",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quelles convergences et complémentarités ressortent du croisement ?",
            label_en="Which convergences and complementarities come out of the comparison?",
            help_fr=(
                "Les points où les partenaires se ressemblent ouvrent des synergies ; ceux "
                "où ils diffèrent, comme une force chez l'un et une faiblesse chez "
                "l'autre, sont souvent les meilleures occasions de mutualiser."
            ),
            help_en=(
                "Where partners are alike, synergies open up; where they differ, such as "
                "a strength in one and a weakness in another, often lie the best "
                "opportunities to pool."
            ),
        ),
        Question(
            code="diagnostic.divergences",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quelles divergences majeures faut-il discuter avant d'aller plus loin ?",
            label_en="Which major divergences must be discussed before going further?",
            help_fr=(
                "Bien des divergences sont superficielles. Mais une divergence sur un "
                "aspect majeur, comme les valeurs ou la mission, peut faire échouer le "
                "projet si elle reste sous le tapis."
            ),
            help_en=(
                "Many divergences are superficial. But a divergence on a major aspect, "
                "such as values or mission, can sink the project if it is swept under "
                "the rug."
            ),
        ),
        Question(
            code="diagnostic.date-rencontre",
            type=T.DATE,
            scope=S.PROJECT,
            label_fr="À quelle date les partenaires ont-ils discuté du diagnostic ensemble ?",
            label_en="On what date did the partners discuss the Diagnosis together?",
            help_fr=(
                "Le diagnostic se valide en groupe. Garder la date de cette rencontre "
                "aide à retracer les décisions et à informer les conseils "
                "d'administration."
            ),
            help_en=(
                "The Diagnosis is validated as a group. Keeping the date of that "
                "meeting helps trace decisions and inform the boards."
            ),
        ),
    ),
)

POTENTIAL = Section(
    code="diagnostic.jugement",
    title_fr="Le potentiel de mutualisation",
    title_en="The potential for mutualisation",
    questions=(
        Question(
            code="diagnostic.potentiel",
            type=T.SINGLE_CHOICE,
            scope=S.PROJECT,
            label_fr="Dans l'ensemble, comment jugez-vous le potentiel de mutualisation ?",
            label_en="Overall, how do you judge the potential for mutualisation?",
            help_fr=(
                "Ce jugement d'ensemble dit si l'on passe à la modélisation, si l'on "
                "précise d'abord certains points ou si l'on s'arrête là. Renoncer à temps "
                "est aussi un résultat utile."
            ),
            help_en=(
                "This overall judgement says whether to move on to Modelling, "
                "clarify some points first or stop here. Giving up in time is a useful "
                "result too."
            ),
            choices=POTENTIAL_CHOICES,
        ),
        Question(
            code="diagnostic.justification",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Sur quoi ce jugement repose-t-il ?",
            label_en="What is this judgement based on?",
            help_fr=(
                "Quelques phrases que les conseils d'administration pourront lire : les "
                "raisons d'y croire, les conditions à remplir et les inconnues."
            ),
            help_en=(
                "A few sentences the boards can read: the reasons to believe in it, the "
                "conditions to meet and the unknowns."
            ),
        ),
        Question(
            code="diagnostic.pistes",
            type=T.LONG_TEXT,
            scope=S.PROJECT,
            label_fr="Quelles pistes de mutualisation retenez-vous pour la suite ?",
            label_en="Which pooling leads do you keep for what comes next?",
            help_fr=(
                "Les ressources ou les activités à mettre en commun en priorité. Mieux "
                "vaut commencer petit et expérimenter que tout entreprendre à la fois."
            ),
            help_en=(
                "The resources or activities to pool first. Better to start small and "
                "experiment than to take on everything at once."
            ),
        ),
        Question(
            code="diagnostic.preparation",
            type=T.SCALE,
            scope=S.PROJECT,
            label_fr=(
                "À quel point les partenaires sont-ils prêts à passer à la modélisation "
                "(1 = pas du tout, 5 = tout à fait) ?"
            ),
            label_en=(
                "How ready are the partners to move on to Modelling (1 = not at all, 5 = fully)?"
            ),
            help_fr=(
                "Une mesure de la confiance du groupe. Un score bas invite à prendre le "
                "temps de discuter plutôt qu'à presser le pas."
            ),
            help_en=(
                "A measure of the group's confidence. A low score calls for taking time to "
                "talk rather than hurrying."
            ),
        ),
    ),
)

CONTENT = StepContent(
    step="diagnostic",
    about=Text(
        "Le diagnostic croise les portraits des organisations. Pour chaque élément, les "
        "partenaires se demandent s'il y a convergence, complémentarité ou divergence, "
        "puis jugent ensemble le potentiel de mutualisation.",
        "The Diagnosis crosses the organisations' portraits. For each item, the "
        "partners ask whether there is convergence, complementarity or divergence, then "
        "judge the potential for mutualisation together.",
    ),
    key_actions=(
        Text(
            "Mettre les portraits soumis côte à côte, élément par élément.",
            "Put the submitted portraits side by side, item by item.",
        ),
        Text(
            "Qualifier chaque élément : convergence, complémentarité ou divergence.",
            "Qualify each item: convergence, complementarity or divergence.",
        ),
        Text(
            "Repérer où les offres des uns répondent aux besoins des autres.",
            "Spot where some partners' offers meet others' needs.",
        ),
        Text(
            "Discuter ouvertement des divergences majeures.",
            "Discuss the major divergences openly.",
        ),
        Text(
            "Juger ensemble le potentiel de mutualisation et choisir les pistes à suivre.",
            "Judge the potential together and choose the leads to follow.",
        ),
    ),
    attention_points=(
        Text(
            "Une complémentarité n'est pas un problème : les différences sont souvent là "
            "où l'on a le plus à gagner.",
            "A complementarity is not a problem: differences are often where there is "
            "the most to gain.",
        ),
        Text(
            "Une divergence sur les valeurs ou la mission doit être discutée, pas contournée.",
            "A divergence on values or mission must be discussed, not worked around.",
        ),
        Text(
            "Le diagnostic repose sur les portraits soumis : un portrait incomplet fausse "
            "le portrait d'ensemble.",
            "The Diagnosis rests on the submitted portraits: an incomplete one skews the "
            "overall picture.",
        ),
        Text(
            "Conclure que le potentiel est faible est un résultat légitime, qui épargne "
            "des efforts à tout le monde.",
            "Concluding that the potential is low is a legitimate result that spares "
            "everyone effort.",
        ),
    ),
    sections=(SYNTHESIS, POTENTIAL),
)
