"""Default outlines of the documents gcmhub writes: (key, kind, title in English, in Turkish)."""

NEEDS_ASSESSMENT = [
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
        "Ağın önerilen çalışma usulleri: koordinasyon, raporlama ve izleme-değerlendirme için standart işletim prosedürleri",
    ),
    (
        "annex-consultations",
        "consultations",
        "Annex: consultations and participants",
        "Ek: istişareler ve katılımcılar",
    ),
    ("annex-scoring", "scoring", "Annex: scoring method", "Ek: puanlama yöntemi"),
]

TERMS_OF_REFERENCE = [
    ("background", "narrative", "Background and purpose", "Arka plan ve amaç"),
    ("mandate", "narrative", "Mandate and scope", "Görev ve kapsam"),
    ("membership", "membership", "Membership", "Üyelik"),
    ("structure", "working_groups", "Structure and working groups", "Yapı ve çalışma grupları"),
    (
        "sops",
        "sops",
        "Working modalities: standard operating procedures",
        "Çalışma usulleri: standart işletim prosedürleri",
    ),
    ("decision-making", "narrative", "Decision making", "Karar alma"),
    (
        "review",
        "narrative",
        "Review of these terms of reference",
        "Görev ve çalışma esaslarının gözden geçirilmesi",
    ),
]

# The five parts of the national voluntary GCM review (see ../shared/data: modelled on the UN
# guidelines for SDG voluntary national reviews; the coordinator edits the list per cycle).
VOLUNTARY_REVIEW = [
    (
        "methodology",
        "narrative",
        "Methodology and process for preparing the review",
        "Gözden geçirmenin hazırlanma yöntemi ve süreci",
    ),
    ("policy", "narrative", "Policy and enabling environment", "Politika ve elverişli ortam"),
    (
        "progress",
        "narrative",
        "Progress on the GCM objectives and the guiding principles",
        "GCM hedefleri ve yol gösterici ilkeler konusunda ilerleme",
    ),
    ("means", "narrative", "Means of implementation", "Uygulama araçları"),
    ("next-steps", "narrative", "Next steps", "Sonraki adımlar"),
]

OUTLINES = {
    "needs_assessment": NEEDS_ASSESSMENT,
    "terms_of_reference": TERMS_OF_REFERENCE,
    "voluntary_review": VOLUNTARY_REVIEW,
}

TITLES = {
    "needs_assessment": ("GCM Needs Assessment Report", "GCM İhtiyaç Analizi Raporu"),
    "terms_of_reference": (
        "Terms of Reference of the UN Network on Migration",
        "BM Göç Ağı Görev ve Çalışma Esasları",
    ),
    "voluntary_review": ("National Voluntary GCM Review", "Ulusal Gönüllü GCM Gözden Geçirmesi"),
}
