// The stopword list and the excluded-token rule of sift/report/phrases.h.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "sift/report/phrases.h"

namespace sift::report {
namespace {

// English function words, sorted (byte order) for binary search. Kept short
// on purpose: content words such as "need", "local" or "support" are left
// to G², which discounts them when they are common everywhere.
constexpr std::string_view kStopwords[] = {
    "a",        "about",      "above",     "after",      "again",   "against",
    "all",      "also",       "am",        "an",         "and",     "any",
    "are",      "aren't",     "as",        "at",         "be",      "because",
    "been",     "before",     "being",     "below",      "between", "both",
    "but",      "by",         "can",       "can't",      "cannot",  "could",
    "couldn't", "did",        "didn't",    "do",         "does",    "doesn't",
    "doing",    "don't",      "down",      "during",     "each",    "either",
    "etc",      "even",       "ever",      "every",      "few",     "for",
    "from",     "further",    "had",       "hadn't",     "has",     "hasn't",
    "have",     "haven't",    "having",    "he",         "her",     "here",
    "hers",     "herself",    "him",       "himself",    "his",     "how",
    "however",  "i",          "i'm",       "i've",       "if",      "in",
    "into",     "is",         "isn't",     "it",         "it's",    "its",
    "itself",   "just",       "let's",     "may",        "me",      "might",
    "more",     "most",       "much",      "must",       "my",      "myself",
    "neither",  "no",         "nor",       "not",        "of",      "off",
    "on",       "once",       "only",      "or",         "other",   "ought",
    "our",      "ours",       "ourselves", "out",        "over",    "own",
    "per",      "quite",      "rather",    "really",     "same",    "shall",
    "she",      "should",     "shouldn't", "so",         "some",    "such",
    "than",     "that",       "that's",    "the",        "their",   "theirs",
    "them",     "themselves", "then",      "there",      "there's", "these",
    "they",     "they're",    "this",      "those",      "though",  "through",
    "thus",     "to",         "too",       "under",      "until",   "up",
    "upon",     "us",         "very",      "via",        "was",     "wasn't",
    "we",       "we're",      "we've",     "were",       "weren't", "what",
    "when",     "where",      "whether",   "which",      "while",   "who",
    "whom",     "whose",      "why",       "will",       "with",    "within",
    "without",  "won't",      "would",     "wouldn't",   "yet",     "you",
    "your",     "yours",      "yourself",  "yourselves",
};

static_assert(std::is_sorted(std::begin(kStopwords), std::end(kStopwords)),
              "kStopwords must stay sorted for binary search");

constexpr std::string_view kPlaceholders[] = {"[email]", "[nino]", "[phone]",
                                              "[postcode]", "[url]"};

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// The commonest function words of the other languages EU-wide
// consultations are answered in (German, French, Spanish, Italian,
// Portuguese, Dutch, Scandinavian), so answers in them are named by their
// content words.
const std::unordered_set<std::string_view>& OtherLanguageStopwords() {
  static const auto* words = new std::unordered_set<std::string_view>{
      // German
      "der", "die", "das", "und", "ist", "nicht", "zu", "den", "mit", "von",
      "für", "auf", "ein", "eine", "einer", "eines", "im", "dem", "des", "es",
      "sich", "sind", "werden", "wird", "auch", "als", "bei", "oder", "wie",
      "zur", "zum", "durch", "kann", "sollte", "sollten", "sowie", "muss",
      "müssen", "diese", "dieser", "nur", "noch", "aus", "nach", "über", "dass",
      "wir", "ich", "sie", "man", "hat", "haben", "kein", "keine", "sehr",
      "mehr", "einen", "einem", "wenn", "was", "so", "dies", "bzw", "de",
      // French
      "le", "la", "les", "et", "est", "pas", "pour", "dans", "une", "un", "du",
      "que", "qui", "sur", "au", "aux", "par", "ce", "il", "ne", "se", "sont",
      "plus", "avec", "ou", "être", "doit", "cette", "ces", "leur",
      // Spanish
      "el", "los", "las", "y", "del", "para", "con", "por", "una", "su", "al",
      "lo", "como", "más", "ser", "sus", "es", "en",
      // Italian
      "e", "il", "di", "che", "è", "non", "della", "dei", "delle", "nel",
      "sono", "si", "da", "alla", "gli", "degli", "per",
      // Portuguese
      "os", "do", "da", "dos", "das", "em", "no", "na", "um", "uma", "não",
      "mais", "ao",
      // Dutch
      "het", "een", "van", "dat", "op", "te", "voor", "met", "niet", "zijn",
      "worden", "er", "ook",
      // Swedish, Danish, Norwegian
      "och", "det", "att", "vi", "som", "för", "är", "med", "av", "på", "inte",
      "til", "og", "ikke", "den",
      // more German, French and Spanish
      "sein", "können", "sollen", "nous", "vous", "ils", "elle", "mais", "très",
      "comme", "son", "sa", "ses", "tout", "tous", "entre", "sans", "sous",
      "ainsi", "aussi", "à", "sobre", "esta", "este", "estos", "pero", "muy",
      "sin", "también", "ya", "cuando"};
  return *words;
}

}  // namespace

bool IsStopword(std::string_view token) {
  return std::binary_search(std::begin(kStopwords), std::end(kStopwords),
                            token) ||
         OtherLanguageStopwords().count(token) > 0;
}

bool IsExcludedToken(std::string_view token) {
  for (std::string_view p : kPlaceholders) {
    if (EqualsIgnoreAsciiCase(token, p)) return true;
  }
  bool digit = false;
  for (char c : token) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (std::string_view(".,:/%-").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digit;
}

}  // namespace sift::report
