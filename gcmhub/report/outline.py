"""The default outline of the needs assessment report: (key, kind of section, title in English,
in Turkish), and its default title."""

OUTLINE = [
    ("executive-summary", "narrative", "Executive summary", "Yönetici özeti"),
    ("introduction", "narrative", "Introduction and methodology", "Giriş ve yöntem"),
    ("context", "narrative", "Context of migration governance", "Göç yönetişiminin bağlamı"),
    ("findings", "findings", "Findings per GCM objective", "GCM hedeflerine göre bulgular"),
    (
        "priorities",
        "priorities",
        "Priorities for the short, medium and long term",
        "Kısa, orta ve uzun vadeli öncelikler",
    ),
    (
        "alignment",
        "alignment",
        "Alignment with the cooperation framework and the SDGs",
        "İş birliği çerçevesi ve SKA'larla uyum",
    ),
    ("recommendations", "recommendations", "Recommendations", "Öneriler"),
    (
        "working-modalities",
        "narrative",
        "Proposed working modalities of the network: SOPs for coordination, reporting, and monitoring and evaluation",
        "Ağın önerilen çalışma usulleri: koordinasyon, raporlama ve izleme-değerlendirme için standart çalışma usulleri (SOP)",
    ),
    (
        "annex-consultations",
        "consultations",
        "Annex: consultations and participants",
        "Ek: istişareler ve katılımcılar",
    ),
    ("annex-scoring", "scoring", "Annex: scoring method", "Ek: puanlama yöntemi"),
]

TITLES = ("GCM Needs Assessment Report", "GCM İhtiyaç Analizi Raporu")
