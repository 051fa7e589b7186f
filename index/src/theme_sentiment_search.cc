#include "theme_sentiment_search.h"

#include <algorithm>
#include <optional>

#include "schema.h"
#include "sift/ingest/normalizer.h"
#include "sift/nlp/sentiment.h"

namespace sift::index {
namespace {

constexpr nlp::Polarity kClasses[] = {nlp::Polarity::kNegative,
                                      nlp::Polarity::kNeutral,
                                      nlp::Polarity::kPositive};

// "" when `key` is one of `label_ids`, else what to write instead.
std::string UnknownLabel(const std::string& key,
                         const std::vector<std::string>& label_ids) {
  if (std::find(label_ids.begin(), label_ids.end(), key) != label_ids.end()) {
    return "";
  }
  std::string known;
  for (const std::string& id : label_ids) {
    known += (known.empty() ? "" : ", ") + id;
  }
  return "no theme '" + key + "' in this database (themes: " + known + ")";
}

// negative:ID, neutral:ID or positive:ID in query text.
class ThemeSentimentProcessor : public Xapian::FieldProcessor {
 public:
  ThemeSentimentProcessor(nlp::Polarity polarity, const Xapian::Database* db)
      : polarity_(polarity), db_(db) {}
  Xapian::Query operator()(const std::string& value) override {
    if (!HasThemeSentimentTerms(*db_)) {
      throw Xapian::QueryParserError(NoThemeSentimentTerms("").message());
    }
    const std::string key = ingest::FilterKey(value);
    if (std::string unknown = UnknownLabel(key, schema::LabelIds(*db_));
        !unknown.empty()) {
      throw Xapian::QueryParserError(std::string(nlp::PolarityName(polarity_)) +
                                     ":" + value + ": " + unknown);
    }
    return Xapian::Query(schema::ThemeSentimentTerm(polarity_, key));
  }

 private:
  nlp::Polarity polarity_;
  const Xapian::Database* db_;
};

}  // namespace

bool HasThemeSentimentTerms(const Xapian::Database& db) {
  return db.get_metadata(schema::kThemeSentimentKey) ==
         schema::kThemeSentimentMarker;
}

Status NoThemeSentimentTerms(const std::string& db_path) {
  return Status::InvalidArgument(
      (db_path.empty() ? "" : db_path + ": ") +
      "this database cannot be searched by theme sentiment (ingested without "
      "a sentiment model, or by an earlier sift); ingest the files into a new "
      "database with the bundled model");
}

Result<Xapian::Query> ThemeSentimentFilter(
    const std::vector<std::string>& values,
    const std::vector<std::string>& label_ids) {
  std::vector<Xapian::Query> alternatives;
  for (const std::string& v : values) {
    const std::size_t colon = v.rfind(':');
    std::optional<nlp::Polarity> polarity;
    if (colon != std::string::npos) {
      polarity = nlp::ParsePolarity(ingest::FilterKey(v.substr(colon + 1)));
    }
    if (!polarity) {
      return Status::InvalidArgument(
          "theme sentiment '" + v +
          "' is not THEME:negative, THEME:neutral or THEME:positive (e.g. "
          "infrastructure:negative)");
    }
    const std::string key = ingest::FilterKey(v.substr(0, colon));
    if (std::string unknown = UnknownLabel(key, label_ids); !unknown.empty()) {
      return Status::InvalidArgument("theme sentiment '" + v + "': " + unknown);
    }
    alternatives.emplace_back(schema::ThemeSentimentTerm(*polarity, key));
  }
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(),
                       alternatives.end());
}

void AddThemeSentimentPrefixes(Xapian::QueryParser* qp,
                               const Xapian::Database* db) {
  for (nlp::Polarity polarity : kClasses) {
    qp->add_boolean_prefix(
        std::string(nlp::PolarityName(polarity)),
        (new ThemeSentimentProcessor(polarity, db))->release());
  }
}

std::vector<FacetCount> ThemeSentimentFacets(
    const Xapian::Database& db, const Xapian::Query& query,
    const std::vector<std::string>& label_ids) {
  std::vector<FacetCount> counts;
  for (const std::string& id : label_ids) {
    for (nlp::Polarity polarity : kClasses) {
      const std::string key =
          id + ":" + std::string(nlp::PolarityName(polarity));
      counts.push_back(
          {key, key,
           schema::CountWithTerm(db, query,
                                 schema::ThemeSentimentTerm(polarity, id))});
    }
  }
  return counts;
}

std::string MissingLastKey::operator()(const Xapian::Document& doc) const {
  std::string value = doc.get_value(slot_);
  if (!value.empty()) return value;
  // sortable_serialise() of a value in [-1, 1] never starts with 0xff; ""
  // sorts before every value.
  return descending_ ? std::string() : std::string(2, '\xff');
}

}  // namespace sift::index
