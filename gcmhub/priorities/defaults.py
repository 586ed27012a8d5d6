"""The default criteria of a scoring round, with the meaning of each score in both languages.

Turkish texts are gcmhub's own translation. Coordinators edit names, weights and anchors
before scoring opens.
"""

DEFAULT_CRITERIA = [
    {
        "key": "urgency",
        "axis": "importance",
        "name": "Urgency of the need",
        "name_tr": "İhtiyacın aciliyeti",
        "question": "How pressing are the needs found for this objective?",
        "question_tr": "Bu hedef için belirlenen ihtiyaçlar ne kadar acil?",
        "anchors": {
            "en": [
                "No pressing need",
                "Some need; it can wait",
                "A clear need",
                "A serious need; acting soon matters",
                "A critical need; people are harmed if it is not addressed now",
            ],
            "tr": [
                "Acil bir ihtiyaç yok",
                "Bir ihtiyaç var; bekleyebilir",
                "Açık bir ihtiyaç var",
                "Ciddi bir ihtiyaç; kısa sürede harekete geçmek önemli",
                "Kritik bir ihtiyaç; hemen ele alınmazsa insanlar zarar görür",
            ],
        },
    },
    {
        "key": "policy",
        "axis": "importance",
        "name": "National policy priority",
        "name_tr": "Ulusal politika önceliği",
        "question": "How high does the objective stand in national plans and strategies?",
        "question_tr": "Hedef, ulusal plan ve stratejilerde ne kadar öncelikli?",
        "anchors": {
            "en": [
                "Not in national plans",
                "Mentioned in passing",
                "Part of a national plan",
                "A stated priority with measures",
                "A top government priority with a mandate and budget",
            ],
            "tr": [
                "Ulusal planlarda yer almıyor",
                "Yalnızca değiniliyor",
                "Bir ulusal planın parçası",
                "Tedbirleri belirlenmiş bir öncelik",
                "Yetki ve bütçesi olan en üst düzey hükümet önceliği",
            ],
        },
    },
    {
        "key": "feasibility",
        "axis": "feasibility",
        "name": "Feasibility and readiness",
        "name_tr": "Uygulanabilirlik ve hazırlık",
        "question": "How ready are institutions to act: mandate, capacity, partners, resources?",
        "question_tr": "Kurumlar harekete geçmeye ne kadar hazır: yetki, kapasite, ortaklar, kaynaklar?",
        "anchors": {
            "en": [
                "Not feasible in this cycle",
                "Major obstacles",
                "Feasible with significant preparation",
                "Feasible with some support",
                "Ready to start now",
            ],
            "tr": [
                "Bu döngüde uygulanabilir değil",
                "Önemli engeller var",
                "Ciddi bir hazırlıkla uygulanabilir",
                "Biraz destekle uygulanabilir",
                "Hemen başlamaya hazır",
            ],
        },
    },
    {
        "key": "benefit",
        "axis": "importance",
        "name": "Expected benefit for migrants and communities",
        "name_tr": "Göçmenler ve topluluklar için beklenen fayda",
        "question": "How much would progress improve the lives of migrants and host communities?",
        "question_tr": "İlerleme, göçmenlerin ve ev sahibi toplulukların yaşamını ne kadar iyileştirir?",
        "anchors": {
            "en": [
                "Little benefit",
                "Some benefit for a few",
                "A real benefit for many",
                "A large benefit for many",
                "A transformative benefit, including for people in vulnerable situations",
            ],
            "tr": [
                "Az fayda",
                "Az sayıda kişi için bir miktar fayda",
                "Birçok kişi için gerçek bir fayda",
                "Birçok kişi için büyük bir fayda",
                "Kırılgan durumdakiler dahil dönüştürücü bir fayda",
            ],
        },
    },
    {
        "key": "alignment",
        "axis": "importance",
        "name": "Alignment with the cooperation framework",
        "name_tr": "İş birliği çerçevesiyle uyum",
        "question": "How directly does the objective serve an outcome of the cooperation framework?",
        "question_tr": "Hedef, iş birliği çerçevesinin bir sonucuna ne kadar doğrudan hizmet ediyor?",
        "anchors": {
            "en": [
                "No link to its outcomes",
                "An indirect link",
                "Serves an outcome in part",
                "Serves an outcome directly",
                "Central to a migration outcome of the framework",
            ],
            "tr": [
                "Sonuçlarıyla bağlantısı yok",
                "Dolaylı bir bağlantı var",
                "Bir sonuca kısmen hizmet ediyor",
                "Bir sonuca doğrudan hizmet ediyor",
                "Çerçevenin göçle ilgili bir sonucunun merkezinde",
            ],
        },
    },
]
