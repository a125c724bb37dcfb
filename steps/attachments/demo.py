"""The demo's shared documents: the rental quote of the refrigerated truck, and the
insurance certificate of the food bank that owns it, linked to the breakdown risk."""

from projects.demo import demo_organisation
from projects.models import Role
from steps.models import PooledResource, Risk

from .services import document_add

QUOTE = [
    "Location Frigo-Route inc. - Soumission no 2026-118",
    "Camion refrigere de 16 pieds, hayon elevateur",
    "325 $ par jour, plus 0,45 $ le km au-dela de 100 km",
    "Valide jusqu'au 31 mars 2027",
]
CERTIFICATE = [
    "Attestation d'assurance - Banque alimentaire",
    "Responsabilite civile et dommages au vehicule",
    "Camion refrigere partage : conducteurs des organisations partenaires couverts",
    "Periode : 1er janvier au 31 decembre 2027",
]


def simple_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF showing `lines` (ASCII), written by hand."""
    text = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) '")
    text.append("ET")
    stream = "\n".join(text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


def populate(project):
    coordinator = (
        project.memberships.filter(role=Role.COORDINATOR).select_related("user").first().user
    )
    truck = PooledResource.objects.filter(project=project, name__icontains="camion").first()
    risk = Risk.objects.filter(project=project, title__icontains="bris du camion").first()
    document_add(
        project=project,
        user=coordinator,
        title="Soumission de location du camion réfrigéré",
        step="modelisation",
        content=simple_pdf(QUOTE),
        name="Soumission Frigo-Route.pdf",
        resource=truck,
    )
    document_add(
        project=project,
        user=coordinator,
        title="Attestation d'assurance du camion",
        step="modelisation",
        content=simple_pdf(CERTIFICATE),
        name="Attestation assurance 2027.pdf",
        organisation=demo_organisation(project, "banque_alimentaire"),
        risk=risk,
    )
