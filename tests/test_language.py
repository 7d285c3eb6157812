"""Language id: lingua at document level, unsupported languages named, short text undecidable."""
from __future__ import annotations

import time

import pytest

from eventwire import language
from eventwire.language import detect_language

SAMPLES = [
    ("fr", "Une frappe de drone a visé tôt ce matin une base militaire près de la frontière, selon des sources."),
    ("en", "A rocket attack struck a military airfield overnight, officials said on Thursday."),
    ("ar", "استهدفت طائرة مسيرة فجر اليوم قاعدة عسكرية قرب الحدود وفق مصادر محلية."),
    ("de", "Ein Konvoi mit Lastwagen ist am Dienstagabend in der Stadt eingetroffen, wie Anwohner berichteten."),
    ("es", "Un convoy de camiones llegó el martes por la noche a la ciudad, según informaron los vecinos."),
    ("zh", "周二晚上，一支满载燃料的卡车车队在装甲车护送下抵达该市，当地居民通过电话证实了这一消息。"),
    ("ru", "Во вторник вечером в город прибыла колонна грузовиков с топливом, сообщили местные жители."),
    ("tr", "Salı akşamı yakıt yüklü bir kamyon konvoyu zırhlı araçların eşliğinde şehre ulaştı."),
]


@pytest.mark.parametrize("code, text", SAMPLES)
def test_detect_language_names_supported_and_unsupported_languages(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Deir ez-Zor", "12345 67890 !!! ---", "a b c", "\u200b" * 50])
def test_short_or_letterless_text_is_undecidable(text: str) -> None:
    assert detect_language(text) is None


def test_supported_list_extends_the_detector() -> None:
    text = "Un convoglio di camion carichi di carburante è arrivato martedì sera in città, hanno riferito gli abitanti."
    assert detect_language(text, ("fr", "en", "it")) == "it"
    assert detect_language(text) == "it"  # known as an other language, so it can be quarantined


def test_unknown_supported_code_does_not_break_detection() -> None:
    assert detect_language(SAMPLES[1][1], ("en", "xx")) == "en"


def test_long_text_is_sampled_so_cost_does_not_grow() -> None:
    text = (SAMPLES[0][1] + " ") * 50_000  # ~5 MB
    detect_language(SAMPLES[0][1])
    start = time.perf_counter()
    assert detect_language(text) == "fr"
    assert time.perf_counter() - start < 2.0


def test_detector_is_built_once_per_language_set() -> None:
    language._detector.cache_clear()
    for _ in range(3):
        detect_language(SAMPLES[0][1])
        detect_language(SAMPLES[1][1])
    info = language._detector.cache_info()
    assert info.misses == 1 and info.hits == 5
