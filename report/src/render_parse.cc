// Reads the digest's JSON into the Digest values of render.h, checking every
// field the renderers use. The first problem found is reported with the
// field's path ("themes[2].sentiment.mean").
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render.h"

namespace sift::report::internal {
namespace {

using Json = nlohmann::ordered_json;

// A position in the JSON with its path; records the first error in a status
// shared by all fields read, and yields empty values after an error so the
// reading code needs no checks of its own.
class Field {
 public:
  Field(const Json* value, std::string path, Status* error)
      : value_(value), path_(std::move(path)), error_(error) {}

  // The member `key` of this object; an error when it is missing (unless
  // `optional`) or this is not an object.
  Field operator[](std::string_view key) const { return Member(key, false); }
  Field Optional(std::string_view key) const { return Member(key, true); }

  bool present() const { return value_ != nullptr; }
  bool is_null() const { return value_ == nullptr || value_->is_null(); }

  std::string String() const {
    const Json* v = Expect(value_ && value_->is_string(), "a string");
    return v ? v->get<std::string>() : std::string();
  }
  int64_t Int() const {
    const Json* v = Expect(value_ && (value_->is_number_integer() ||
                                      (value_->is_number_float() &&
                                       value_->get<double>() ==
                                           std::floor(value_->get<double>()))),
                           "a whole number");
    return v ? v->get<int64_t>() : 0;
  }
  double Number() const {
    const Json* v = Expect(value_ && value_->is_number(), "a number");
    return v ? v->get<double>() : 0.0;
  }
  bool Bool() const {
    const Json* v = Expect(value_ && value_->is_boolean(), "true or false");
    return v ? v->get<bool>() : false;
  }
  // A number, or nothing when the field is null or absent.
  std::optional<double> NullableNumber() const {
    if (is_null()) return std::nullopt;
    return Number();
  }

  // Calls read(element) for each element of this array.
  template <typename T, typename F>
  std::vector<T> Array(F read) const {
    std::vector<T> out;
    const Json* v = Expect(value_ && value_->is_array(), "an array");
    if (!v) return out;
    for (std::size_t i = 0; i < v->size() && error_->ok(); ++i) {
      out.push_back(read(Field(
          &(*v)[i],
          std::string(path_).append("[").append(std::to_string(i)).append("]"),
          error_)));
    }
    return out;
  }
  // An object's members in order, as (key, read(value)).
  template <typename T, typename F>
  std::vector<std::pair<std::string, T>> Members(F read) const {
    std::vector<std::pair<std::string, T>> out;
    const Json* v = Expect(value_ && value_->is_object(), "an object");
    if (!v) return out;
    for (const auto& [key, value] : v->items()) {
      out.emplace_back(key, read(Field(&value, Child(key), error_)));
    }
    return out;
  }

  // Records "<path>: <problem>" unless an error is already recorded.
  void Fail(std::string_view problem) const {
    if (!error_->ok()) return;
    std::string where = path_.empty()
                            ? std::string("digest data")
                            : std::string("digest field ").append(path_);
    *error_ = Status::InvalidArgument(where.append(": ").append(problem));
  }

 private:
  std::string Child(std::string_view key) const {
    return path_.empty() ? std::string(key)
                         : std::string(path_).append(".").append(key);
  }
  Field Member(std::string_view key, bool optional) const {
    if (!error_->ok()) return Field(nullptr, Child(key), error_);
    if (!value_ || !value_->is_object()) {
      Fail("must be an object");
      return Field(nullptr, Child(key), error_);
    }
    auto it = value_->find(key);
    if (it == value_->end()) {
      Field missing(nullptr, Child(key), error_);
      if (!optional) missing.Fail("missing");
      return missing;
    }
    return Field(&*it, Child(key), error_);
  }
  const Json* Expect(bool good, std::string_view what) const {
    if (!error_->ok()) return nullptr;
    if (good) return value_;
    Fail(value_ ? std::string("must be ").append(what) : "missing");
    return nullptr;
  }

  const Json* value_;
  std::string path_;
  Status* error_;
};

std::vector<std::string> Strings(const Field& f) {
  return f.Array<std::string>([](const Field& e) { return e.String(); });
}

std::vector<Count> Counts(const Field& f) {
  return f.Array<Count>([](const Field& e) {
    return Count{e["key"].String(), e["label"].String(), e["count"].Int()};
  });
}

Quote ReadQuote(const Field& f) {
  Quote q{f["id"].String(), f["text"].String(), f["respondent_type"].String(),
          f["sector"].String(), f.Optional("sentiment").NullableNumber()};
  return q;
}

std::vector<Phrase> Phrases(const Field& f) {
  return f.Array<Phrase>([](const Field& e) {
    return Phrase{e["text"].String(), e["score"].Number(), e["count"].Int(),
                  e["responses"].Int()};
  });
}

std::vector<Subtheme> Subthemes(const Field& f) {
  return f.Array<Subtheme>([](const Field& e) {
    Subtheme s;
    s.name = e["name"].String();
    s.phrases = Strings(e["phrases"]);
    s.count = e["count"].Int();
    s.sentiment = e.Optional("sentiment").NullableNumber();
    Field quote = e.Optional("quote");
    if (!quote.is_null()) s.quote = ReadQuote(quote);
    return s;
  });
}

Sentiment ReadSentiment(const Field& f) {
  return Sentiment{f["mean"].NullableNumber(), f["negative"].Number(),
                   f["neutral"].Number(), f["positive"].Number(), f["n"].Int()};
}

Theme ReadTheme(const Field& f) {
  Theme t;
  t.id = f["id"].String();
  t.name = f["name"].String();
  if (f.Optional("kind").present()) t.kind = f["kind"].String();
  if (f.Optional("description").present()) {
    t.description = f["description"].String();
  }
  t.count = f["count"].Int();
  t.count_collapsed = f["count_collapsed"].Int();
  t.share = f["share"].Number();
  t.by_sector = Counts(f["by_sector"]);
  t.by_respondent_type = Counts(f["by_respondent_type"]);
  t.by_question = Counts(f["by_question"]);
  t.sentiment = ReadSentiment(f["sentiment"]);
  t.phrases = Phrases(f["phrases"]);
  t.quotes = f["quotes"].Array<Quote>(ReadQuote);
  if (Field voices = f.Optional("voices"); voices.present()) {
    t.critical = voices["negative"].Array<Quote>(ReadQuote);
    t.supportive = voices["positive"].Array<Quote>(ReadQuote);
  }
  t.subthemes = Subthemes(f["subthemes"]);
  return t;
}

Overview ReadOverview(const Field& f) {
  Overview o;
  o.responses = f["responses"].Int();
  o.respondents = f["respondents"].Int();
  o.duplicates = f["duplicates"].Int();
  o.campaigns = f["campaigns"].Int();
  o.campaign_members = f["campaign_members"].Int();
  o.responses_collapsed = f["responses_collapsed"].Int();
  o.redactions =
      f["redactions"].Members<int64_t>([](const Field& e) { return e.Int(); });
  o.redaction = f["redaction"].Bool();
  o.by_respondent_type = Counts(f["by_respondent_type"]);
  o.by_sector = Counts(f["by_sector"]);
  o.by_district = Counts(f["by_district"]);
  o.by_question = Counts(f["by_question"]);
  o.by_sentiment = Counts(f["by_sentiment"]);
  return o;
}

SentimentBySector ReadSentimentBySector(const Field& f) {
  SentimentBySector s;
  s.sectors = f["sectors"].Array<SectorSentiment>([](const Field& e) {
    return SectorSentiment{e["key"].String(),         e["label"].String(),
                           e["count"].Int(),          e["negative"].Number(),
                           e["neutral"].Number(),     e["positive"].Number(),
                           e["mean"].NullableNumber()};
  });
  s.themes = Strings(f["themes"]);
  s.matrix = f["matrix"].Array<std::vector<Cell>>([&s](const Field& row) {
    std::vector<Cell> cells = row.Array<Cell>([](const Field& c) {
      return Cell{c["mean"].NullableNumber(), c["count"].Int()};
    });
    if (cells.size() != s.themes.size()) {
      row.Fail("must have one cell per entry of sentiment_by_sector.themes");
    }
    return cells;
  });
  if (s.matrix.size() != s.sectors.size()) {
    f["matrix"].Fail(
        "must have one row per entry of sentiment_by_sector.sectors");
  }
  return s;
}

std::vector<Campaign> ReadCampaigns(const Field& f) {
  return f.Array<Campaign>([](const Field& e) {
    Campaign c;
    c.id = e["id"].String();
    c.size = e["size"].Int();
    if (e.Optional("template_id").present()) {
      c.template_id = e["template_id"].String();
    }
    c.template_text = e["template"].String();
    c.members = Strings(e["members"]);
    c.additions = e["additions"].Array<Addition>([](const Field& a) {
      return Addition{a["id"].String(), Strings(a["sentences"])};
    });
    return c;
  });
}

std::vector<RepeatedAnswer> ReadRepeated(const Field& f) {
  if (!f.present()) return {};
  return f.Array<RepeatedAnswer>([](const Field& e) {
    return RepeatedAnswer{e["id"].String(), e["size"].Int(), e["text"].String(),
                          Strings(e["members"])};
  });
}

OutsideTaxonomy ReadOutside(const Field& f) {
  return OutsideTaxonomy{f["count"].Int(),
                         f["no_label"].Int(),
                         f["needs_review"].Int(),
                         Phrases(f["phrases"]),
                         f["quotes"].Array<Quote>(ReadQuote),
                         Subthemes(f["subthemes"])};
}

Methodology ReadMethodology(const Field& f) {
  Methodology m;
  auto number = [](const Field& e) { return e.Number(); };
  m.sift_version = f["sift_version"].String();
  m.model = f["model"].String();
  m.thresholds =
      f["labels"].Array<std::pair<std::string, double>>([](const Field& e) {
        return std::make_pair(e["id"].String(), e["threshold"].Number());
      });
  m.test_scores = f["test_scores"].Members<double>(number);
  m.sentiment_scores = f["sentiment"].Members<double>(number);
  m.input_files = f["input_files"].Array<InputFile>([](const Field& e) {
    return InputFile{e["path"].String(), e["rows"].Int(), e["sha256"].String()};
  });
  m.redaction = f["redaction"].Bool();
  m.notes = Strings(f["notes"]);
  return m;
}

}  // namespace

std::string Digest::ThemeName(const std::string& id) const {
  for (const Theme& t : themes) {
    if (t.id == id) return t.name;
  }
  return id;
}

Result<Digest> ParseDigest(std::string_view json) {
  Json root = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return Status::InvalidArgument("digest data is not valid JSON");
  }
  Status error;
  Field f(&root, "", &error);
  if (!root.is_object()) f.Fail("must be a JSON object");
  Digest d;
  d.title = f["title"].String();
  d.generated = f["generated"].String();
  d.overview = ReadOverview(f["overview"]);
  d.themes = f["themes"].Array<Theme>(ReadTheme);
  d.sentiment_by_sector = ReadSentimentBySector(f["sentiment_by_sector"]);
  d.campaigns = ReadCampaigns(f["campaigns"]);
  d.repeated_answers = ReadRepeated(f.Optional("repeated_answers"));
  d.outside_taxonomy = ReadOutside(f["outside_taxonomy"]);
  d.methodology = ReadMethodology(f["methodology"]);
  if (!error.ok()) return error;
  return d;
}

Result<std::string> PrettyJson(std::string_view json) {
  Json root = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return Status::InvalidArgument("digest data is not valid JSON");
  }
  return root.dump(2, ' ', false, Json::error_handler_t::replace).append("\n");
}

}  // namespace sift::report::internal
