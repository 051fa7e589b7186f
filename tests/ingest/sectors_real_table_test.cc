// The bundled sector rule table (models/sectors.tsv) against what
// respondents type, their organisations and respondent types, and the EU AI
// White Paper consultation export's user types.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sectors_fixture.h"
#include "sift/ingest/record_reader.h"
#include "sift/ingest/sectors.h"

namespace sift::ingest {
namespace {

using Source = SectorMatch::Source;

const char kEuAiCsv[] = SIFT_SOURCE_DIR
    "/../shared/data/eu_ai_whitepaper_consultation_2020/"
    "Public_consultation_2020.names_removed.csv";

struct TypedCase {
  const char* typed;
  const char* sector;
};

// What respondents type, and where it belongs. Blanks and "N/A" say
// nothing: they fall through to the table's default.
const TypedCase kTypedCases[] = {
    {"pharma", "life_sciences"},
    {"Pharmaceuticals", "life_sciences"},
    {"biotech", "life_sciences"},
    {"BIOTECH", "life_sciences"},
    {"  pharma  ", "life_sciences"},
    {"Medical devices", "life_sciences"},
    {"pharmacy", "health_social_care"},
    {"Community pharmacy", "health_social_care"},
    {"Film/TV", "creative_film_media"},
    {"film & TV", "creative_film_media"},
    {"VFX", "creative_film_media"},
    {"post-production", "creative_film_media"},
    {"Post production", "creative_film_media"},
    {"games", "creative_film_media"},
    {"Local Govt", "public_sector"},
    {"local government", "public_sector"},
    {"LA", "public_sector"},
    {"district council", "public_sector"},
    {"District Council.", "public_sector"},
    {"Parish council", "public_sector"},
    {"NHS trust", "health_social_care"},
    {"NHS Foundation Trust", "health_social_care"},
    {"GP surgery", "health_social_care"},
    {"care home", "health_social_care"},
    {"Care Homes", "health_social_care"},
    {"domiciliary care", "health_social_care"},
    {"haulage", "logistics_transport"},
    {"HAULAGE", "logistics_transport"},
    {"logistics", "logistics_transport"},
    {"freight", "logistics_transport"},
    {"3PL", "logistics_transport"},
    {"FE college", "education"},
    {"sixth form", "education"},
    {"uni", "education"},
    {"University", "education"},
    {"Primary school", "education"},
    {"students' union", "education"},
    {"charity", "voluntary_community"},
    {"Charity.", "voluntary_community"},
    {"CIC", "voluntary_community"},
    {"social enterprise", "voluntary_community"},
    {"food bank", "voluntary_community"},
    {"Residents' association", "voluntary_community"},
    {"N/A - resident", "resident"},
    {"I'm a resident of Watford", "resident"},
    {"I\u2019m a resident of Watford", "resident"},
    {"resident", "resident"},
    {"retired", "resident"},
    {"Retired teacher", "resident"},
    {"farmer", "agriculture_agritech"},
    {"agri-tech", "agriculture_agritech"},
    {"Agritech", "agriculture_agritech"},
    {"estate agent", "construction_property"},
    {"housebuilder", "construction_property"},
    {"architect", "construction_property"},
    {"housing association", "construction_property"},
    {"accountancy", "finance_professional"},
    {"law firm", "finance_professional"},
    {"bank", "finance_professional"},
    {"credit union", "finance_professional"},
    {"pub", "retail_hospitality_tourism"},
    {"hotel", "retail_hospitality_tourism"},
    {"shop", "retail_hospitality_tourism"},
    {"B&B", "retail_hospitality_tourism"},
    {"caf\u00e9", "retail_hospitality_tourism"},
    {"software", "digital_tech"},
    {"SaaS", "digital_tech"},
    {"cyber", "digital_tech"},
    {"IT services", "digital_tech"},
    {"utilities", "energy_utilities"},
    {"solar installer", "energy_utilities"},
    {"manufacturing", "advanced_manufacturing"},
    {"precision engineering", "advanced_manufacturing"},
    {"Aerospace", "advanced_manufacturing"},
    {"Chamber of Commerce", "other"},
    {"trade union", "other"},
    {"", "other"},
    {"   ", "other"},
    {"N/A", "other"},
    {"n/a", "other"},
    {"-", "other"},
    {"Other", "other"},
    {"Ltd", "other"},
    // Revised from the labelled corpus' fourth round (models/sectors.tsv).
    {"machine shop", "advanced_manufacturing"},
    {"powder coating", "advanced_manufacturing"},
    {"Advanced materials", "advanced_manufacturing"},
    {"microbrewery", "retail_hospitality_tourism"},
    {"brewery / taproom", "retail_hospitality_tourism"},
    {"Traders' association", "retail_hospitality_tourism"},
    {"BID", "retail_hospitality_tourism"},
    {"independent bookshop", "retail_hospitality_tourism"},
    {"joinery", "construction_property"},
    {"stonemason", "construction_property"},
    {"plant breeding / seeds", "agriculture_agritech"},
    {"e-commerce fulfilment", "logistics_transport"},
    {"Bus operators", "logistics_transport"},
    {"Rail users' association", "voluntary_community"},
    {"heritage trust", "voluntary_community"},
    {"health tech", "digital_tech"},
    {"angel investment", "finance_professional"},
    {"Childcare", "education"},
    {"EV charge point installer", "energy_utilities"},
};

TEST(SectorMapperRealTable, TypedValues) {
  const SectorMapper& mapper = RealTable();
  EXPECT_GE(std::size(kTypedCases), 60u);
  for (const TypedCase& c : kTypedCases) {
    SectorMatch m = mapper.Map({.typed = c.typed});
    EXPECT_EQ(m.sector, c.sector)
        << "typed \"" << c.typed << "\", rule " << m.rule;
  }
}

TEST(SectorMapperRealTable, BlankAndNotApplicableFallThrough) {
  for (const char* typed : {"", "N/A", "none", "-"}) {
    SectorMatch m = RealTable().Map(
        {.typed = typed, .organisation = "Watford Borough Council"});
    EXPECT_EQ(m.sector, "public_sector") << typed;
    EXPECT_EQ(m.source, Source::kOrganisation) << typed;
  }
  SectorMatch none = RealTable().Map({.typed = "N/A"});
  EXPECT_EQ(none.source, Source::kNone);
  EXPECT_EQ(none.rule, "");
}

TEST(SectorMapperRealTable, OrganisationNames) {
  const struct {
    const char* organisation;
    const char* sector;
  } cases[] = {
      {"Watford Borough Council", "public_sector"},
      {"Three Rivers District Council", "public_sector"},
      {"Hertfordshire County Council", "public_sector"},
      {"University of Hertfordshire", "education"},
      {"Oaklands College", "education"},
      {"East and North Hertfordshire NHS Trust", "health_social_care"},
      {"Cambridge University Hospitals NHS Foundation Trust",
       "health_social_care"},
      {"Ashgrove Care Homes", "health_social_care"},
      {"Preston Hill Farm", "agriculture_agritech"},
      {"Cedar Cafe", "retail_hospitality_tourism"},
      {"Brightseam Software", "digital_tech"},
      {"Bayford Logistics", "logistics_transport"},
      {"Broadway Gears Ltd", "advanced_manufacturing"},
      {"Hartley & Son Builders", "construction_property"},
      {"Stanborough Insurance Services", "finance_professional"},
      {"Hertfordshire Chamber of Commerce", "other"},
      {"Acme Ltd", "other"},
      {"Acme plc", "other"},
  };
  for (const auto& c : cases) {
    SectorMatch m = RealTable().Map({.organisation = c.organisation});
    EXPECT_EQ(m.sector, c.sector) << c.organisation << " rule " << m.rule;
  }
}

TEST(SectorMapperRealTable, RespondentTypes) {
  const struct {
    const char* type;
    const char* sector;
  } cases[] = {
      {"resident", "resident"},
      {"member of the public", "resident"},
      {"Individual", "resident"},
      {"EU Citizen", "resident"},
      {"Public authority", "public_sector"},
      {"local_authority", "public_sector"},
      {"Academic/Research Institution", "education"},
      {"university_or_college", "education"},
      {"NGO (Non-governmental organisation)", "voluntary_community"},
      {"charity_or_community", "voluntary_community"},
      {"public_body", "public_sector"},
      {"business_representative", "other"},
      {"business", "other"},
  };
  for (const auto& c : cases) {
    SectorMatch m = RealTable().Map({.respondent_type = c.type});
    EXPECT_EQ(m.sector, c.sector) << c.type << " rule " << m.rule;
  }
}

TEST(SectorMapperRealTable, IndividualsAreResidentsWhateverJobTheyType) {
  SectorMatch m = RealTable().Map({.typed = "nurse",
                                   .respondent_type = "resident",
                                   .text = "my patients wait weeks"});
  EXPECT_EQ(m.sector, "resident");
  EXPECT_EQ(m.source, Source::kRespondentType);
}

TEST(SectorMapperRealTable, CouncilsArePublicSectorWhateverDepartmentTyped) {
  SectorMatch m = RealTable().Map({.typed = "Housing",
                                   .organisation = "Dacorum Borough Council",
                                   .respondent_type = "local_authority"});
  EXPECT_EQ(m.sector, "public_sector");
  // Without the respondent type, the typed department decides.
  EXPECT_EQ(RealTable().Map({.typed = "Housing"}).sector,
            "construction_property");
}

TEST(SectorMapperRealTable, TextFallbackOnlyWhenNothingElseSpeaks) {
  const struct {
    const char* text;
    const char* sector;
  } cases[] = {
      {"As a farmer I can't get broadband.", "agriculture_agritech"},
      {"My patients wait three weeks for an appointment.",
       "health_social_care"},
      {"Our pupils have no bus to the college.", "education"},
      {"We're a tiny tech start-up in Letchworth.", "digital_tech"},
      {"I\u2019m a resident of Hitchin and the trains are awful.", "resident"},
  };
  for (const auto& c : cases) {
    SectorMatch m =
        RealTable().Map({.respondent_type = "business", .text = c.text});
    EXPECT_EQ(m.sector, c.sector) << c.text;
    EXPECT_EQ(m.source, Source::kText) << c.text;
  }
  // Conservative: a passing mention is not a self-description.
  for (const char* text : {"The farm shop closed.", "Fix the roads.",
                           "Teachers can't afford to live here.",
                           "Our practice has no parking."}) {
    EXPECT_EQ(RealTable().Map({.text = text}).source, Source::kNone) << text;
  }
  // A respondent type beats the text.
  SectorMatch m = RealTable().Map(
      {.respondent_type = "charity_or_community", .text = "my patients"});
  EXPECT_EQ(m.sector, "voluntary_community");
}

struct UserType {
  const char* value;
  const char* sector;
  Source source;
};
const UserType kEuAiUserTypes[] = {
    {"Company/Business organisation", "other", Source::kNone},
    {"NGO (Non-governmental organisation)", "voluntary_community",
     Source::kRespondentType},
    {"EU Citizen", "resident", Source::kRespondentType},
    {"Non-EU Citizen", "resident", Source::kRespondentType},
    {"Academic/Research Institution", "education", Source::kRespondentType},
    {"Business Association", "other", Source::kRespondentType},
    {"Public authority", "public_sector", Source::kRespondentType},
    {"Trade Union", "other", Source::kRespondentType},
    {"Consumer Organisation", "voluntary_community", Source::kRespondentType},
    {"Environmental Organisation", "voluntary_community",
     Source::kRespondentType},
    {"Other", "other", Source::kNone},
    {"", "other", Source::kNone},
};

TEST(SectorMapperRealTable, EuAiUserTypes) {
  for (const UserType& u : kEuAiUserTypes) {
    SectorMatch m = RealTable().Map({.respondent_type = u.value});
    EXPECT_EQ(m.sector, u.sector) << u.value;
    EXPECT_EQ(m.source, u.source) << u.value;
  }
}

TEST(SectorMapperRealTable, EuAiExportEveryUserTypeIsKnown) {
  auto reader = OpenRecordReader(kEuAiCsv, ReaderOptions{});
  if (!reader.ok()) {
    GTEST_SKIP() << "EU AI export not available (" << reader.status().message()
                 << ")";
  }
  const auto& columns = (*reader)->columns();
  auto it = std::find(columns.begin(), columns.end(), "User type");
  ASSERT_NE(it, columns.end());
  const std::size_t column = it - columns.begin();
  std::set<std::string> seen;
  int rows = 0;
  ReadItem item;
  while (true) {
    ASSERT_TRUE((*reader)->Next(&item).ok());
    if (item.kind == ReadItem::Kind::kEnd) break;
    ASSERT_EQ(item.kind, ReadItem::Kind::kRecord) << item.reason;
    ++rows;
    const std::string& type = item.values[column];
    seen.insert(type);
    SectorMatch m = RealTable().Map({.respondent_type = type});
    const UserType* known = nullptr;
    for (const UserType& u : kEuAiUserTypes) {
      if (type == u.value) known = &u;
    }
    ASSERT_NE(known, nullptr) << "user type not listed in this test: " << type;
    EXPECT_EQ(m.sector, known->sector) << type;
    if (type != "Other" && type != "Business Association" &&
        type != "Trade Union" && type != "Company/Business organisation" &&
        !type.empty()) {
      EXPECT_NE(m.sector, "other") << type;
    }
  }
  EXPECT_EQ(rows, 1216);
  EXPECT_EQ(seen.size(), std::size(kEuAiUserTypes));
}

TEST(SectorMapper, MapIsSafeFromManyThreads) {
  const SectorMapper& mapper = RealTable();
  std::vector<std::string> expected;
  for (const TypedCase& c : kTypedCases) {
    expected.push_back(mapper.Map({.typed = c.typed}).sector);
  }
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < std::size(kTypedCases); ++i) {
          if (mapper.Map({.typed = kTypedCases[i].typed}).sector !=
              expected[i]) {
            ++wrong[t];
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace sift::ingest
