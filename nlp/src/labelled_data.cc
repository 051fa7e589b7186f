#include "sift/nlp/labelled_data.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>

namespace sift::nlp {
namespace {

std::vector<std::string> SplitLabels(const std::string& field) {
  std::vector<std::string> ids;
  nlohmann::json j = nlohmann::json::parse(field, nullptr, false);
  if (!j.is_discarded() && j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) ids.push_back(v.get<std::string>());
    }
    return ids;
  }
  std::string current;
  for (char c : field + ";") {
    if (c == ';' || c == ',' || c == '|') {
      std::size_t b = current.find_first_not_of(" \t");
      if (b != std::string::npos) {
        ids.push_back(
            current.substr(b, current.find_last_not_of(" \t") - b + 1));
      }
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  return ids;
}

const std::string* FindField(const ingest::Response& r,
                             const std::string& name) {
  for (const auto& [k, v] : r.metadata) {
    if (k == name) return &v;
  }
  return nullptr;
}

// The record's gold sentiment, if it has a `sentiment` field.
Result<std::optional<SentimentGold>> ReadSentiment(const ingest::Response& r,
                                                   const std::string& where) {
  const std::string* name = FindField(r, "sentiment");
  if (name == nullptr) return std::optional<SentimentGold>();
  auto polarity = ParsePolarity(*name);
  if (!polarity) {
    return Status::InvalidArgument(where + ": sentiment '" + *name +
                                   "' is not negative, neutral or positive");
  }
  SentimentGold gold{*polarity, 0.5 * (static_cast<int>(*polarity) - 1)};
  if (const std::string* score = FindField(r, "sentiment_score")) {
    char* end = nullptr;
    gold.score = std::strtod(score->c_str(), &end);
    if (score->empty() || *end != '\0' || gold.score < -1 || gold.score > 1) {
      return Status::InvalidArgument(where + ": sentiment_score '" + *score +
                                     "' is not a number from -1 to 1");
    }
  }
  return std::optional<SentimentGold>(gold);
}

// Calls `visit(response, where)` for every record of `path`; a rejected row
// is an error naming its file and line, since training data must be whole.
template <typename Visit>
Status ForEachRecord(const std::string& path,
                     const ingest::ResponseReaderOptions& options,
                     Visit visit) {
  auto reader = ingest::ResponseReader::Open(path, options);
  if (!reader.ok()) return reader.status();
  ingest::ResponseItem item;
  while (true) {
    SIFT_RETURN_IF_ERROR(reader->Next(&item));
    if (item.kind == ingest::ResponseItem::Kind::kEnd) return Status::Ok();
    if (item.kind == ingest::ResponseItem::Kind::kRejected) {
      return Status::InvalidArgument(item.rejection.file + ":" +
                                     std::to_string(item.rejection.line) +
                                     ": " + item.rejection.reason);
    }
    const ingest::Response& r = item.response;
    SIFT_RETURN_IF_ERROR(
        visit(r, r.source_file + ":" + std::to_string(r.source_line)));
  }
}

}  // namespace

std::vector<SentimentExample> LabelledSet::SentimentExamples() const {
  std::vector<SentimentExample> examples;
  for (std::size_t i = 0; i < sentiment.size(); ++i) {
    if (sentiment[i]) {
      examples.push_back({display_texts[i], items[i].text, sentiment[i]->score,
                          sentiment[i]->polarity});
    }
  }
  return examples;
}

Result<LabelledSet> ReadLabelled(const std::vector<std::string>& paths,
                                 const Taxonomy& taxonomy,
                                 const ingest::ResponseReaderOptions& options) {
  LabelledSet set;
  for (const std::string& path : paths) {
    std::size_t with_field = 0;
    auto visit = [&](const ingest::Response& r,
                     const std::string& where) -> Status {
      // Metadata values are display-normalised; an empty list comes out "[]".
      // Empty cells are dropped from metadata: a missing field means no
      // labels, unless no record of the file has the field at all.
      const std::string* field = FindField(r, "labels");
      std::vector<std::string> ids;
      if (field != nullptr) {
        ids = SplitLabels(*field);
        ++with_field;
      }
      LabelledText t{r.text, {}, r.display_text};
      for (const std::string& id : ids) {
        int index = taxonomy.IndexOf(id);
        if (index < 0) {
          return Status::InvalidArgument(where + ": label '" + id +
                                         "' is not in the taxonomy");
        }
        if (std::find(t.labels.begin(), t.labels.end(), index) ==
            t.labels.end()) {
          t.labels.push_back(index);
        }
      }
      std::sort(t.labels.begin(), t.labels.end());
      auto gold = ReadSentiment(r, where);
      if (!gold.ok()) return gold.status();
      set.items.push_back(std::move(t));
      set.ids.push_back(r.id);
      set.display_texts.push_back(r.display_text);
      set.sentiment.push_back(gold.value());
      return Status::Ok();
    };
    SIFT_RETURN_IF_ERROR(ForEachRecord(path, options, visit));
    if (with_field == 0) {
      return Status::InvalidArgument(path + ": no record has a 'labels' field");
    }
  }
  return set;
}

Result<std::vector<SentimentExample>> ReadSentimentLabelled(
    const std::vector<std::string>& paths,
    const ingest::ResponseReaderOptions& options) {
  std::vector<SentimentExample> examples;
  for (const std::string& path : paths) {
    auto visit = [&](const ingest::Response& r,
                     const std::string& where) -> Status {
      auto gold = ReadSentiment(r, where);
      if (!gold.ok()) return gold.status();
      if (!gold.value()) {
        return Status::InvalidArgument(where + ": no 'sentiment' field");
      }
      examples.push_back({r.display_text, r.text, gold.value()->score,
                          gold.value()->polarity});
      return Status::Ok();
    };
    SIFT_RETURN_IF_ERROR(ForEachRecord(path, options, visit));
  }
  return examples;
}

}  // namespace sift::nlp
