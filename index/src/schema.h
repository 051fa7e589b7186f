// Internal: how a response is laid out in the Xapian database. Everything
// that reads or writes a sift database goes through these names.
//
// Term prefixes (Xapian convention: upper-case prefix, lower-case value):
//   prefix   meaning                          query syntax      kind
//   -------  -------------------------------  ----------------  -------------
//   Q        unique response id               id:ID             boolean
//   (none)   response text, with positions    free text         probabilistic
//   Z        stemmed forms of the text        (automatic)       probabilistic
//   XO       organisation name words          org:WORD          probabilistic
//   XQU      question, FilterKey of header    question:VALUE    boolean
//   XT       respondent type                  type:VALUE        boolean
//   XSEC     canonical sector id (sectors.h)   sector:ID         boolean
//   XSENT    sentiment of the response         sentiment:VALUE   boolean
//   XDIS     district                         district:VALUE    boolean
//   XRESP    respondent (row) key             respondent:KEY    boolean
//   XH       content key, on originals only   (dedup lookup)    boolean
//   XDUP     marks a duplicate ("XDUP" alone) is:duplicate      boolean
//   XRED     kind of personal data redacted   redacted:email    boolean
//   XTHEME   label assigned by the classifier theme:ID          boolean
//   XREVIEW  "XREVIEW" alone: needs review    is:review         boolean
//   XTSNEG   label whose theme sentiment is    negative:ID       boolean
//            negative (XTSNEU neutral,        neutral:ID
//            XTSPOS positive)                 positive:ID
// The class is the one the analyzer gave the theme (nlp::ThemeSentiment),
// also stored in the record, so filters, facets and reports count alike.
// Filter values are ingest::FilterKey() of what the user typed, so
// "St Albans", "st. albans" and "ST ALBANS" are one term: XDISst_albans.
//
// Value slots:
//   0  date, ISO 8601 text (sorts chronologically)
//   1  sector key     2  district key     3  question key
//   4  respondent type key                5  response id
//   6  sentiment key  7  campaign id       8  sentiment score (sortable)
//   9  sentiment confidence (sortable; only where the model gave one)
// The campaign is a value only, never a term: campaigns are found after the
// documents are written, and setting a value rewrites a document far more
// cheaply than changing its terms. campaign:ID filters on the value.
//   10+i  calibrated score of label i (sortable_serialise), i in the order
//         of the sift.labels metadata
//   1000+i  theme sentiment score of label i (sortable_serialise), only on
//         responses that carry label i and have sentiment
//
// Document data: the stored response as one JSON object (see
// EncodeRecord()).
//
// Metadata keys:
//   sift.version     version of sift that last wrote the database
//   sift.redaction   "on" or "off"; a database never mixes the two
//   sift.responses   documents after the last run
//   sift.duplicates  documents marked as duplicates
//   sift.last_ingest JSON summary of the last run (files with SHA-256 and
//                    counts)
//   sift.model       version of the classifier that labelled the responses
//   sift.labels      JSON list of the label ids, in score-slot order
//   sift.sentiment   JSON {"negative_threshold", "positive_threshold"} of
//                    the sentiment model that scored the responses
//   sift.campaigns   JSON list of {"id", "size", "template"}: the campaigns
//                    found over the whole database by the last run
//   sift.theme_sentiment  "terms" when every stored theme sentiment has its
//                    XTS* term and slot: set by a run with a sentiment
//                    model into a new database, kept by later runs; absent
//                    from databases of earlier sifts, whose theme sentiment
//                    can be read but not searched
//   sift.repeated_answers  JSON list of {"id", "members"}: the repeated
//                    short answers (not campaigns) found by the last run
//   label.<field>.<key>  display form of a filter value: the one written most
//   often in the last run that saw it
#ifndef SIFT_INDEX_SRC_SCHEMA_H_
#define SIFT_INDEX_SRC_SCHEMA_H_

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>

#include "sift/core/status.h"
#include "sift/index/searcher.h"
#include "sift/ingest/response.h"
#include "sift/nlp/sentiment.h"

namespace sift::index::schema {

inline constexpr char kIdPrefix[] = "Q";
// The unique id term of response `id`, and the response id of such a term.
inline std::string IdTerm(const std::string& id) {
  return std::string(kIdPrefix).append(id);
}
inline std::string ResponseIdOf(const std::string& id_term) {
  return id_term.substr(sizeof(kIdPrefix) - 1);
}
inline constexpr char kOrgPrefix[] = "XO";
inline constexpr char kHashPrefix[] = "XH";
inline constexpr char kDuplicateTerm[] = "XDUP";
inline constexpr char kRespondentPrefix[] = "XRESP";
inline constexpr char kRedactedPrefix[] = "XRED";
inline constexpr char kThemePrefix[] = "XTHEME";
inline constexpr char kReviewTerm[] = "XREVIEW";
inline constexpr Xapian::valueno kFirstScoreSlot = 10;
inline constexpr Xapian::valueno kFirstThemeSentimentSlot = 1000;
inline constexpr char kThemeSentimentKey[] = "sift.theme_sentiment";
inline constexpr char kThemeSentimentMarker[] = "terms";

// The term of a response whose theme sentiment for label `id` has class
// `polarity`: "XTSNEG" + id, "XTSNEU" + id or "XTSPOS" + id.
std::string ThemeSentimentTerm(nlp::Polarity polarity, const std::string& id);

inline constexpr Xapian::valueno kDateSlot = 0;
inline constexpr Xapian::valueno kIdSlot = 5;
inline constexpr Xapian::valueno kSentimentScoreSlot = 8;
inline constexpr Xapian::valueno kSentimentConfidenceSlot = 9;
inline constexpr Xapian::valueno kCampaignSlot = 7;

// The exact number of responses matching `query` that carry `term` (for
// facets over terms: themes, theme sentiment).
std::int64_t CountWithTerm(const Xapian::Database& db,
                           const Xapian::Query& query, const std::string& term);

// The label ids in score-slot order, from the sift.labels metadata (empty
// when no classifier ran).
std::vector<std::string> LabelIds(const Xapian::Database& db);

// A categorical field that is filtered, faceted and labelled alike.
struct Category {
  const char* field;      // JSON and flag name: "sector"
  const char* query_key;  // query-parser prefix: "sector"
  const char* prefix;     // term prefix: "XSEC"; "" for a value-only field
  Xapian::valueno slot;
};

// The query matching responses whose `category` has filter key `key`: a
// boolean term, or for a value-only category an exact match on its slot.
Xapian::Query CategoryQuery(const Category& category, const std::string& key);

inline constexpr Category kCategories[] = {
    {"question", "question", "XQU", 3},
    {"respondent_type", "type", "XT", 4},
    {"sector", "sector", "XSEC", 1},
    {"district", "district", "XDIS", 2},
    {"sentiment", "sentiment", "XSENT", 6},
    {"campaign", "campaign", "", 7},
};

// The category for a JSON field or query key, or nullptr.
const Category* FindCategory(const std::string& name);

// What the models said of a response, as stored.
struct StoredThemes {
  std::vector<std::string> labels;                    // assigned ids
  std::vector<std::pair<std::string, float>> scores;  // every label
  bool needs_review = false;
  bool classified = false;  // false when no model ran at ingest
  bool has_sentiment = false;
  std::string sentiment;  // PolarityName
  double sentiment_score = 0;
  // nlp::SentimentResult::confidence(); absent without a combiner and in
  // records of earlier sifts.
  std::optional<double> sentiment_confidence;
  std::vector<ThemeSentiment> theme_sentiment;
  // Campaign id, "" when none. Not in the record: DecodeRecord() callers
  // read it from value slot 7 (see above).
  std::string campaign;
  // Sentences of the display text with their sentiment and the labels they
  // carry (stored as [begin, end, score, [ids], class]; records of earlier
  // sifts have no class).
  struct Sentence {
    std::size_t begin = 0, end = 0;
    double sentiment = 0;
    std::vector<std::string> labels;
    std::string polarity;  // negative, neutral, positive; "" if not stored
  };
  std::vector<Sentence> sentences;
};

// The value of `category`'s field for response `r` with `stored`.
const std::string& CategoryValue(const Category& category,
                                 const ingest::Response& r,
                                 const StoredThemes& stored);

// Document data for a response; duplicate_of may be "".
std::string EncodeRecord(const ingest::Response& r,
                         const std::string& duplicate_of,
                         const StoredThemes& themes);
// Inverse of EncodeRecord(). Corruption names `docid` on bad data.
Status DecodeRecord(const std::string& data, Xapian::docid docid,
                    ingest::Response* r, std::string* duplicate_of,
                    StoredThemes* themes);

inline std::string LabelKey(const Category& c, const std::string& key) {
  return std::string("label.") + c.field + "." + key;
}

}  // namespace sift::index::schema

#endif  // SIFT_INDEX_SRC_SCHEMA_H_
