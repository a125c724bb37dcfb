"""The generated text of the agreement draft (entente de mutualisation), from plain facts.

`selectors.agreement_facts(project)` gathers what the project knows; `generate(facts)`
writes each section in our French wording. The register follows the form chosen in the
operating model: an informal agreement or a « lettre d'entente » speaks plainly to
« les partenaires »; a contract, a co-ownership or a joint venture reads like a contract
between « les Parties ». Missing facts show as « [à préciser] » so a board sees the gaps.
Texts are plain: paragraphs separated by a blank line, list items starting with « – ».
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualisation.formats import format_date, format_money, format_percent

TO_SPECIFY = gettext_lazy("[à préciser]")
# Shown on the agreement's page, in its PDF and in its Word file: one text, one source.
DRAFT_NOTICE = gettext_lazy(
    "Ce document est un projet d'entente préparé à partir des décisions du groupe. Il doit "
    "être relu et adopté par chacune des parties et, au besoin, revu par un ou une "
    "professionnelle du droit avant d'être signé."
)
BLANK = "______________________________"

# Section codes, in the order of the document; codes are stable (custom texts use them).
SECTIONS = (
    ("parties", gettext_lazy("Les parties")),
    ("objet", gettext_lazy("Objet de l'entente")),
    ("ressources", gettext_lazy("Ressources mutualisées")),
    ("couts", gettext_lazy("Partage des coûts")),
    ("decisions", gettext_lazy("Prise de décision")),
    ("rencontres", gettext_lazy("Rencontres et communication")),
    ("propriete", gettext_lazy("Propriété intellectuelle et image de marque")),
    ("duree", gettext_lazy("Durée")),
    ("revision", gettext_lazy("Révision de l'entente")),
    ("retrait", gettext_lazy("Retrait d'une partie")),
    ("responsabilite", gettext_lazy("Responsabilités et assurances")),
    ("differends", gettext_lazy("Règlement des différends")),
    ("signatures", gettext_lazy("Signatures")),
)
SECTION_TITLES = dict(SECTIONS)

FORMAL_FORMS = {"contract", "co_ownership", "new_organisation"}


@dataclass(frozen=True)
class Party:
    name: str
    neq: str = ""
    region: str = ""


@dataclass(frozen=True)
class ResourceTerms:
    name: str
    type_label: str = ""
    responsible: str = ""
    usage_unit: str = ""
    conditions: str = ""
    booking_rules: str = ""


@dataclass(frozen=True)
class Share:
    party: str
    amount: Decimal
    fraction: Decimal  # 0.25 for a quarter


@dataclass(frozen=True)
class ResourceSharing:
    resource: str
    annual_cost: Decimal | None  # None: the cost of use is not priced yet
    shares: tuple[Share, ...] = ()


@dataclass(frozen=True)
class Facts:
    project_name: str
    territory: str = ""
    description: str = ""
    scope: str = ""
    parties: tuple[Party, ...] = ()
    resources: tuple[ResourceTerms, ...] = ()
    sharings: tuple[ResourceSharing, ...] = ()
    # From the operating model (codes of its choices, labels already translated).
    formalisation: str = "letter"
    continuum: str = "pooling"
    decision_process: str = "consent"
    decision_details: str = ""
    quorum: str = ""
    meeting_frequency: str = ""  # its code, for the « à revoir » check (review.py)
    meeting_frequency_label: str = ""
    communication_channels: str = ""
    shared_zones: str = ""
    intellectual_property: str = ""
    brand: str = ""
    asymmetric_accepted: bool | None = None
    asymmetric_breaking_point: str = ""
    sharing_key: str = "usage"
    surplus_sharing: str = ""
    start_date: date | None = None
    duration_months: int | None = None
    exit_notice_days: int = 90
    adopted_on: date | None = None  # the last consent round that adopted the model
    has_operating_model: bool = False


@dataclass(frozen=True)
class Register:
    """How the document names itself and its parties, by form of formalisation."""

    title: str  # « Lettre d'entente de mutualisation »
    this: str  # « la présente lettre d'entente »
    short: str  # « l'entente »
    formal: bool


def register_for(formalisation: str) -> Register:
    registers = {
        "informal": Register(
            _("Entente de mise en commun"), _("la présente entente"), _("l'entente"), False
        ),
        "letter": Register(
            _("Lettre d'entente de mutualisation"),
            _("la présente lettre d'entente"),
            _("l'entente"),
            False,
        ),
        "contract": Register(
            _("Contrat de mutualisation"), _("le présent contrat"), _("le contrat"), True
        ),
        "co_ownership": Register(
            _("Convention de copropriété et de cogestion"),
            _("la présente convention"),
            _("la convention"),
            True,
        ),
        "new_organisation": Register(
            _("Protocole d'entente en vue d'une organisation commune"),
            _("le présent protocole d'entente"),
            _("le protocole"),
            True,
        ),
    }
    return registers.get(formalisation, registers["letter"])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _or_gap(text: str) -> str:
    return text.strip() or str(TO_SPECIFY)


def _fact(text: str) -> str:
    """A sentence written after a colon: « Quorum : trois organisations sur quatre »."""
    text = text.strip()
    if not text:
        return str(TO_SPECIFY)
    # « Les outils… » reads « les outils… » after a colon; « CDC… » stays as it is.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _parties(facts: Facts, reg: Register) -> str:
    if not facts.parties:
        return _(
            "Aucune organisation ne participe encore au projet : les parties s'ajouteront "
            "ici dès qu'elles se joindront à la démarche."
        )
    if reg.formal:
        blocks = []
        for index, party in enumerate(facts.parties):
            lead = _("ENTRE :") if index == 0 else _("ET :")
            details = [_("organisme à but non lucratif")]
            details.append(
                _("NEQ %(neq)s") % {"neq": party.neq} if party.neq else _("NEQ [à préciser]")
            )
            if party.region:
                details.append(_("région : %(region)s") % {"region": party.region})
            blocks.append(f"{lead}\n{party.name}, {', '.join(details)};")
        closing = _(
            "ci-après appelées individuellement une « Partie » et collectivement les « Parties »."
        )
        return _paragraphs(*blocks, closing)
    lines = []
    for party in facts.parties:
        details = [party.region] if party.region else []
        if party.neq:
            details.append(_("NEQ %(neq)s") % {"neq": party.neq})
        suffix = f" ({', '.join(details)})" if details else ""
        lines.append(f"– {party.name}{suffix}")
    # Both light registers are feminine (« la présente entente »).
    intro = _("%(this)s est conclue entre les organisations suivantes :") % {
        "this": _cap(reg.this)
    }
    closing = _("Ci-après appelées ensemble « les partenaires ».")
    return _paragraphs(intro, "\n".join(lines), closing)


def _continuum_sentence(continuum: str, reg: Register) -> str:
    who = _("Parties") if reg.formal else _("partenaires")
    sentences = {
        "loan": _(
            "Il s'agit d'un prêt : une organisation met une ressource à la disposition des "
            "autres, qui en prennent soin, sans partage de la gouvernance."
        ),
        "collaboration": _(
            "Il s'agit d'une collaboration : les %(who)s coordonnent leurs efforts tout en "
            "gardant chacune la maîtrise de ses ressources."
        ),
        "pooling": _(
            "Il s'agit d'une mutualisation : les %(who)s partagent les coûts, les risques, les "
            "responsabilités et la gouvernance de ce qu'elles mettent en commun, et chacune "
            "doit y trouver son compte."
        ),
        "merger": _(
            "Les %(who)s envisagent une fusion ; %(short)s encadre leur collaboration d'ici là."
        ),
    }
    sentence = sentences.get(continuum, sentences["pooling"])
    return sentence % {"who": who, "short": reg.short} if "%(" in sentence else sentence


def _object(facts: Facts, reg: Register) -> str:
    where = (
        _(" (territoire : %(territory)s)") % {"territory": facts.territory}
        if facts.territory
        else ""
    )
    opening = _(
        "%(this)s a pour objet d'encadrer la mise en commun convenue par les %(who)s dans "
        "le cadre du projet « %(project)s »%(where)s."
    ) % {
        "this": _cap(reg.this),
        "who": _("Parties") if reg.formal else _("partenaires"),
        "project": facts.project_name,
        "where": where,
    }
    parts = [opening, _continuum_sentence(facts.continuum, reg)]
    if facts.description:
        parts.append(facts.description)
    if facts.scope:
        parts.append(_("Ce qui est mis en commun : %(scope)s") % {"scope": facts.scope})
    if facts.shared_zones:
        parts.append(
            _("Zones d'intervention et clientèles communes : %(zones)s")
            % {"zones": facts.shared_zones}
        )
    return _paragraphs(*parts)


def _resources(facts: Facts, reg: Register) -> str:
    if not facts.resources:
        return _(
            "Les ressources mutualisées, leurs conditions d'utilisation et leurs règles "
            "de réservation seront décrites en annexe de %(short)s."
        ) % {"short": reg.short}
    blocks = []
    for resource in facts.resources:
        head = f"– {resource.name}"
        if resource.type_label:
            head += f" ({resource.type_label.lower()})"
        lines = [head]
        lines.append(
            "  " + _("Organisation responsable : %(org)s") % {"org": _or_gap(resource.responsible)}
        )
        if resource.usage_unit:
            lines.append(
                "  " + _("Unité d'utilisation : %(unit)s") % {"unit": resource.usage_unit}
            )
        lines.append(
            "  " + _("Conditions d'utilisation : %(text)s") % {"text": _fact(resource.conditions)}
        )
        lines.append(
            "  " + _("Règles de réservation : %(text)s") % {"text": _fact(resource.booking_rules)}
        )
        blocks.append("\n".join(lines))
    intro = _("Les %(who)s mettent en commun les ressources suivantes :") % {
        "who": _("Parties") if reg.formal else _("partenaires")
    }
    if reg.formal:
        duty = _(
            "L'organisation responsable d'une ressource en assure la garde, l'entretien et "
            "la tenue du registre des utilisations pour le compte des Parties. Elle rend "
            "compte de sa gestion à chaque rencontre des Parties."
        )
    else:
        duty = _(
            "L'organisation responsable de chaque ressource en prend soin au nom de tous et "
            "tient le registre des utilisations."
        )
    return _paragraphs(intro, *blocks, duty)


def _key_sentence(key: str) -> str:
    sentences = {
        "usage": _(
            "Les coûts de chaque ressource sont partagés selon l'utilisation prévue par chaque "
            "organisation, c'est-à-dire selon son engagement annuel d'utilisation."
        ),
        "equal": _("Les coûts de chaque ressource sont partagés à parts égales."),
        "custom": _(
            "Les coûts de chaque ressource sont partagés selon les poids convenus entre les "
            "partenaires."
        ),
    }
    return sentences.get(key, sentences["usage"])


def _costs(facts: Facts, reg: Register) -> str:
    parts = [_key_sentence(facts.sharing_key)]
    for sharing in facts.sharings:
        if sharing.annual_cost is None or not sharing.shares:
            parts.append(
                _(
                    "%(resource)s : la part de chacun sera établie une fois le coût "
                    "d'utilisation calculé et les engagements connus."
                )
                % {"resource": sharing.resource}
            )
            continue
        lines = [
            _("%(resource)s — coût annuel estimé : %(total)s")
            % {"resource": sharing.resource, "total": format_money(sharing.annual_cost)}
        ]
        for share in sharing.shares:
            lines.append(
                "– "
                + _("%(party)s : %(amount)s (%(percent)s)")
                % {
                    "party": share.party,
                    "amount": format_money(share.amount),
                    "percent": format_percent(share.fraction, 1),
                }
            )
        parts.append("\n".join(lines))
    if not facts.sharings:
        parts.append(
            _("Les montants seront précisés une fois le coût d'utilisation des ressources établi.")
        )
    else:
        parts.append(
            _(
                "Ces montants sont des estimations tirées du calcul du coût d'utilisation. "
                "Ils sont réconciliés à la fin de chaque année : les charges fixes restent "
                "réparties selon les engagements, même lorsque les utilisations n'ont pas lieu, "
                "et les charges variables selon l'utilisation réelle."
            )
        )
    if facts.surplus_sharing:
        parts.append(
            _("Partage des surplus et des bénéfices : %(rule)s") % {"rule": facts.surplus_sharing}
        )
    if facts.asymmetric_accepted is True:
        parts.append(
            _(
                "Les partenaires acceptent que leurs contributions ne soient pas égales. "
                "Point de rupture convenu : %(point)s"
            )
            % {"point": _fact(facts.asymmetric_breaking_point)}
        )
    elif facts.asymmetric_accepted is False:
        parts.append(
            _("Les partenaires conviennent que leurs contributions doivent rester équilibrées.")
        )
    return _paragraphs(*parts)


def _decisions(facts: Facts, reg: Register) -> str:
    processes = {
        "consensus": _(
            "Les décisions sont prises par consensus : une proposition est adoptée lorsque "
            "toutes les parties l'appuient."
        ),
        "consent": _(
            "Les décisions sont prises par consentement : une proposition est adoptée "
            "lorsqu'aucune partie n'y oppose d'objection. Toute objection est motivée ; elle sert "
            "à bonifier la proposition plutôt qu'à la rejeter."
        ),
        "majority": _(
            "Les décisions sont prises à la majorité simple des parties présentes, chaque "
            "partie disposant d'une voix."
        ),
    }
    if facts.decision_process == "other":
        process = _("Les décisions sont prises selon le processus suivant : %(details)s") % {
            "details": _fact(facts.decision_details)
        }
        details = ""
    else:
        process = processes.get(facts.decision_process, processes["consent"])
        details = facts.decision_details
    quorum = _("Quorum : %(quorum)s") % {"quorum": _fact(facts.quorum)}
    parts = [process, details, quorum]
    if reg.formal:
        parts.append(
            _(
                "Chaque Partie désigne par écrit une personne pour la représenter et peut la "
                "remplacer en avisant les autres Parties. Les décisions qui engagent une Partie "
                "au-delà de ce que prévoit %(this)s demeurent soumises à son conseil "
                "d'administration."
            )
            % {"this": reg.this}
        )
    else:
        parts.append(
            _(
                "Chaque partenaire désigne une personne pour le représenter. Les décisions qui "
                "dépassent %(short)s restent du ressort du conseil d'administration de chacun."
            )
            % {"short": reg.short}
        )
    if facts.adopted_on:
        parts.append(
            _("Le modèle de fonctionnement a été adopté par les partenaires le %(date)s.")
            % {"date": format_date(facts.adopted_on)}
        )
    return _paragraphs(*parts)


def _meetings(facts: Facts, reg: Register) -> str:
    frequency = facts.meeting_frequency_label.strip()
    meet = (
        _("Les partenaires se rencontrent %(frequency)s.")
        % {"frequency": frequency[:1].lower() + frequency[1:]}
        if frequency
        else _("Fréquence des rencontres : %(gap)s") % {"gap": TO_SPECIFY}
    )
    channels = _("Canaux de communication : %(channels)s") % {
        "channels": _fact(facts.communication_channels)
    }
    symmetry = _(
        "Toutes les parties ont accès à la même information au même moment. Un compte rendu "
        "de chaque rencontre est transmis à toutes les parties."
    )
    return _paragraphs(meet, channels, symmetry)


def _property(facts: Facts, reg: Register) -> str:
    return _paragraphs(
        _("Propriété intellectuelle : %(text)s") % {"text": _fact(facts.intellectual_property)},
        _("Image de marque : %(text)s") % {"text": _fact(facts.brand)},
    )


def _duration(facts: Facts, reg: Register) -> str:
    start = (
        _("le %(date)s") % {"date": format_date(facts.start_date)}
        if facts.start_date
        else _("à la date de sa signature par toutes les parties")
    )
    if facts.duration_months:
        length = _("pour une durée initiale de %(months)s mois") % {
            "months": facts.duration_months
        }
        renewal = _(
            "À son échéance, %(short)s se renouvelle d'année en année, sauf avis contraire "
            "d'une partie donné par écrit au moins %(days)s jours à l'avance."
        ) % {"short": reg.short, "days": facts.exit_notice_days}
    else:
        length = _("pour une durée indéterminée")
        renewal = ""
    sentence = _("%(this)s entre en vigueur %(start)s, %(length)s.") % {
        "this": _cap(reg.this),
        "start": start,
        "length": length,
    }
    return _paragraphs(sentence, renewal)


def _review(facts: Facts, reg: Register) -> str:
    return _paragraphs(
        _(
            "Les partenaires font le bilan de %(short)s au moins une fois par année, à la "
            "lumière de l'évaluation de la mise en commun, et l'ajustent au besoin."
        )
        % {"short": reg.short},
        _(
            "Toute modification est faite par écrit et adoptée selon le processus de décision "
            "prévu à la section « Prise de décision »."
        ),
    )


def _exit(facts: Facts, reg: Register) -> str:
    return _paragraphs(
        _(
            "Une partie peut se retirer de %(short)s en donnant un préavis écrit d'au moins "
            "%(days)s jours aux autres parties."
        )
        % {"short": reg.short, "days": facts.exit_notice_days},
        _(
            "Elle paie sa part des coûts jusqu'à la date de son retrait, y compris sa part des "
            "charges fixes de l'année en cours. Les biens qu'elle a prêtés lui sont rendus ; "
            "les biens acquis en commun restent aux parties qui poursuivent, qui lui "
            "remboursent sa part selon leur valeur résiduelle."
        ),
        _("Les parties qui poursuivent revoient ensemble la répartition des coûts."),
    )


def _responsibility(facts: Facts, reg: Register) -> str:
    if reg.formal:
        return _paragraphs(
            _(
                "Chaque Partie est responsable des dommages causés par son personnel et ses "
                "bénévoles lors de l'utilisation des ressources mutualisées."
            ),
            _(
                "L'organisation responsable d'une ressource s'assure qu'elle est couverte par "
                "une assurance de biens et de responsabilité civile suffisante ; le coût de ces "
                "assurances est compté dans le coût d'utilisation. Chaque Partie maintient sa "
                "propre assurance de responsabilité civile et en fournit la preuve sur demande."
            ),
        )
    return _paragraphs(
        _(
            "Chaque partenaire répond des gestes de son personnel et de ses bénévoles lorsqu'ils "
            "utilisent les ressources mutualisées."
        ),
        _(
            "L'organisation responsable d'une ressource vérifie qu'elle est bien assurée ; le "
            "coût de l'assurance fait partie du coût d'utilisation. Chaque partenaire garde sa "
            "propre assurance de responsabilité civile."
        ),
    )


def _disputes(facts: Facts, reg: Register) -> str:
    return _paragraphs(
        _(
            "En cas de différend, les parties s'engagent d'abord à en discuter de bonne foi lors "
            "d'une rencontre convoquée à cette fin."
        ),
        _(
            "À défaut d'entente dans les 30 jours, elles font appel à une médiation menée par "
            "une personne neutre choisie ensemble ; les frais de médiation sont partagés à parts "
            "égales. Le recours aux tribunaux ne vient qu'en dernier lieu."
        ),
    )


def _signatures(facts: Facts, reg: Register) -> str:
    if reg.formal:
        intro = _(
            "En foi de quoi, les Parties ont signé %(this)s. Chaque signataire déclare être "
            "dûment autorisé·e par une résolution de son conseil d'administration."
        ) % {"this": reg.this}
    else:
        intro = _(
            "Les partenaires signent %(this)s. Chaque signataire déclare y être autorisé·e par "
            "son conseil d'administration."
        ) % {"this": reg.this}
    blocks = []
    parties = facts.parties or (Party(str(TO_SPECIFY)),)
    for party in parties:
        blocks.append(
            "\n".join(
                [
                    _("Pour %(name)s") % {"name": party.name},
                    _("Nom : %(blank)s") % {"blank": BLANK},
                    _("Titre : %(blank)s") % {"blank": BLANK},
                    _("Signature : %(blank)s") % {"blank": BLANK},
                    _("Date : %(blank)s") % {"blank": BLANK},
                ]
            )
        )
    return _paragraphs(intro, *blocks)


WRITERS = {
    "parties": _parties,
    "objet": _object,
    "ressources": _resources,
    "couts": _costs,
    "decisions": _decisions,
    "rencontres": _meetings,
    "propriete": _property,
    "duree": _duration,
    "revision": _review,
    "retrait": _exit,
    "responsabilite": _responsibility,
    "differends": _disputes,
    "signatures": _signatures,
}


def generate(facts: Facts) -> list[tuple[str, str, str]]:
    """Every section as (code, title, generated text), in the order of the document."""
    reg = register_for(facts.formalisation)
    return [(code, str(title), WRITERS[code](facts, reg)) for code, title in SECTIONS]


def generate_one(facts: Facts, code: str) -> str:
    return WRITERS[code](facts, register_for(facts.formalisation))
