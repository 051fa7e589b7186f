#include "schema.h"

#include <nlohmann/json.hpp>

namespace sift::index::schema {

Xapian::Query CategoryQuery(const Category& category, const std::string& key) {
  if (category.prefix[0] == '\0') {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, category.slot, key,
                         key);
  }
  return Xapian::Query(std::string(category.prefix).append(key));
}

std::string ThemeSentimentTerm(nlp::Polarity polarity, const std::string& id) {
  const char* prefix = polarity == nlp::Polarity::kNegative   ? "XTSNEG"
                       : polarity == nlp::Polarity::kPositive ? "XTSPOS"
                                                              : "XTSNEU";
  return prefix + id;
}

std::int64_t CountWithTerm(const Xapian::Database& db,
                           const Xapian::Query& query,
                           const std::string& term) {
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(term)));
  return static_cast<std::int64_t>(
      enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated());
}

std::vector<std::string> LabelIds(const Xapian::Database& db) {
  std::vector<std::string> ids;
  nlohmann::json j =
      nlohmann::json::parse(db.get_metadata("sift.labels"), nullptr, false);
  if (!j.is_array()) return ids;
  for (const auto& v : j) {
    if (v.is_string()) ids.push_back(v.get<std::string>());
  }
  return ids;
}

const Category* FindCategory(const std::string& name) {
  for (const Category& c : kCategories) {
    if (name == c.field || name == c.query_key) return &c;
  }
  return nullptr;
}

const std::string& CategoryValue(const Category& category,
                                 const ingest::Response& r,
                                 const StoredThemes& stored) {
  std::string field = category.field;
  if (field == "sentiment") return stored.sentiment;
  if (field == "campaign") return stored.campaign;
  if (field == "question") return r.question;
  if (field == "respondent_type") return r.respondent_type;
  if (field == "sector") return r.sector;
  return r.district;
}

std::string EncodeRecord(const ingest::Response& r,
                         const std::string& duplicate_of,
                         const StoredThemes& themes) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["text"] = r.display_text;
  j["question"] = r.question;
  j["respondent_type"] = r.respondent_type;
  j["organisation"] = r.organisation;
  j["sector"] = r.sector;
  j["sector_raw"] = r.sector_raw;
  j["district"] = r.district;
  j["date"] = r.date;
  j["respondent"] = r.respondent;
  j["duplicate_of"] = duplicate_of;
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  for (const auto& [k, v] : r.metadata) meta[k] = v;
  j["metadata"] = std::move(meta);
  j["source"] = {{"file", r.source_file}, {"line", r.source_line}};
  if (themes.classified) {
    j["labels"] = themes.labels;
    nlohmann::ordered_json scores = nlohmann::ordered_json::object();
    for (const auto& [id, score] : themes.scores) scores[id] = score;
    j["scores"] = std::move(scores);
    j["needs_review"] = themes.needs_review;
  }
  if (themes.has_sentiment) {
    j["sentiment"] = themes.sentiment;
    j["sentiment_score"] = themes.sentiment_score;
    if (themes.sentiment_confidence) {
      j["sentiment_confidence"] = *themes.sentiment_confidence;
    }
    nlohmann::ordered_json by_theme = nlohmann::ordered_json::object();
    nlohmann::ordered_json classes = nlohmann::ordered_json::object();
    for (const ThemeSentiment& t : themes.theme_sentiment) {
      by_theme[t.label] = t.score;
      classes[t.label] = t.sentiment;
    }
    j["theme_sentiment"] = std::move(by_theme);
    j["theme_sentiment_class"] = std::move(classes);
    nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
    for (const auto& x : themes.sentences) {
      sentences.push_back({x.begin, x.end, x.sentiment, x.labels, x.polarity});
    }
    j["sentences"] = std::move(sentences);
  }
  return j.dump();
}

namespace {

// Reads "sentences"; entries that do not fit the text are skipped.
void DecodeSentences(const nlohmann::ordered_json& j, std::size_t text_size,
                     StoredThemes* themes) {
  auto list = j.find("sentences");
  if (list == j.end() || !list->is_array()) return;
  for (const auto& x : *list) {
    // Four elements in records written before the class was stored.
    if (!x.is_array() || x.size() < 4 || x.size() > 5 ||
        !x[0].is_number_unsigned() || !x[1].is_number_unsigned() ||
        !x[2].is_number() || !x[3].is_array()) {
      continue;
    }
    StoredThemes::Sentence s;
    s.begin = x[0].get<std::size_t>();
    s.end = x[1].get<std::size_t>();
    if (s.begin >= s.end || s.end > text_size) continue;
    s.sentiment = x[2].get<double>();
    for (const auto& l : x[3]) {
      if (l.is_string()) s.labels.push_back(l.get<std::string>());
    }
    if (x.size() == 5 && x[4].is_string()) s.polarity = x[4].get<std::string>();
    themes->sentences.push_back(std::move(s));
  }
}

}  // namespace

Status DecodeRecord(const std::string& data, Xapian::docid docid,
                    ingest::Response* r, std::string* duplicate_of,
                    StoredThemes* themes) {
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Corruption("document " + std::to_string(docid) +
                              " holds no sift record; was this database "
                              "written by sift?");
  }
  auto str = [&j](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : "";
  };
  r->id = str("id");
  r->display_text = str("text");
  r->question = str("question");
  r->respondent_type = str("respondent_type");
  r->organisation = str("organisation");
  r->sector = str("sector");
  r->sector_raw = str("sector_raw");
  r->district = str("district");
  r->date = str("date");
  r->respondent = str("respondent");
  *duplicate_of = str("duplicate_of");
  r->metadata.clear();
  if (auto m = j.find("metadata"); m != j.end() && m->is_object()) {
    for (const auto& [k, v] : m->items()) {
      if (v.is_string()) r->metadata.emplace_back(k, v.get<std::string>());
    }
  }
  if (auto s = j.find("source"); s != j.end() && s->is_object()) {
    r->source_file = s->value("file", "");
    r->source_line = s->value("line", 0);
  }
  *themes = StoredThemes();
  if (auto labels = j.find("labels"); labels != j.end() && labels->is_array()) {
    themes->classified = true;
    for (const auto& l : *labels) {
      if (l.is_string()) themes->labels.push_back(l.get<std::string>());
    }
    if (auto scores = j.find("scores");
        scores != j.end() && scores->is_object()) {
      for (const auto& [id, v] : scores->items()) {
        if (v.is_number()) themes->scores.emplace_back(id, v.get<float>());
      }
    }
    themes->needs_review = j.value("needs_review", false);
  }
  if (auto s = j.find("sentiment"); s != j.end() && s->is_string()) {
    themes->has_sentiment = true;
    themes->sentiment = s->get<std::string>();
    themes->sentiment_score = j.value("sentiment_score", 0.0);
    if (auto c = j.find("sentiment_confidence");
        c != j.end() && c->is_number()) {
      themes->sentiment_confidence = c->get<double>();
    }
    const auto classes = j.find("theme_sentiment_class");
    if (auto t = j.find("theme_sentiment"); t != j.end() && t->is_object()) {
      for (const auto& [id, v] : t->items()) {
        if (!v.is_number()) continue;
        ThemeSentiment theme{id, v.get<double>(), ""};
        if (classes != j.end() && classes->is_object()) {
          theme.sentiment = classes->value(id, "");
        }
        themes->theme_sentiment.push_back(std::move(theme));
      }
    }
    DecodeSentences(j, r->display_text.size(), themes);
  }

  return Status::Ok();
}

}  // namespace sift::index::schema
