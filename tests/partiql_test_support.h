#pragma once
// Shared by the PartiQL suites: two tables with a few items, and statements through
// dispatch(). Music: Artist (HASH) and SongTitle (RANGE), a global index byAlbum on
// AlbumTitle, five songs (one with a map m and a list l); Counters: id (N), empty.

#include <string>

#include "operation_test_support.h"

namespace shardscape::testing {

inline const char* kMusicTable =
    "{\"TableName\":\"Music\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"AttributeDefinitions\":[{\"AttributeName\":\"Artist\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"SongTitle\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"AlbumTitle\",\"AttributeType\":\"S\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"Artist\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"SongTitle\",\"KeyType\":\"RANGE\"}],"
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"byAlbum\",\"KeySchema\":"
    "[{\"AttributeName\":\"AlbumTitle\",\"KeyType\":\"HASH\"}],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}}]}";
inline const char* kCountersTable =
    "{\"TableName\":\"Counters\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"N\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}";

inline Json S(const std::string& s) {
    return {{"S", s}};
}
inline Json N(const std::string& n) {
    return {{"N", n}};
}

inline Json song(const std::string& artist, const std::string& title, const std::string& album,
                 int year) {
    return {{"Artist", S(artist)},
            {"SongTitle", S(title)},
            {"AlbumTitle", S(album)},
            {"Year", N(std::to_string(year))}};
}

// "Statement wasn't well formed, can't be processed: <detail>".
inline std::string malformed(const char* detail) {
    return std::string("Statement wasn't well formed, can't be processed: ") + detail;
}

// The two tables and the five songs; false if any request failed.
inline bool openMusicAndCounters(EngineHarness& harness) {
    if (!harness.open()) return false;
    if (!harness.call("CreateTable", json(kMusicTable))) return false;
    if (!harness.call("CreateTable", json(kCountersTable))) return false;
    Json nested = song("Zed", "Omega", "Third", 2010);
    nested["m"] = {{"M", {{"k", {{"L", {S("k0"), S("k1")}}}}, {"z", N("26")}}}};
    nested["l"] = {{"L", {N("10"), N("11")}}};
    for (const Json& item :
         {song("Acme", "Alpha", "First", 2001), song("Acme", "Beta", "First", 2002),
          song("Acme", "Gamma", "Second", 2003), song("Zed", "Alpha", "Second", 1999), nested})
        if (!harness.call("PutItem", Json{{"TableName", "Music"}, {"Item", item}})) return false;
    return true;
}

inline Result<Json> executeStatement(EngineHarness& harness, const std::string& statement,
                                     Json extra = Json::object()) {
    extra["Statement"] = statement;
    return harness.call("ExecuteStatement", extra);
}

// The Items of a statement's response, or {"error": message}.
inline Json statementItems(EngineHarness& harness, const std::string& statement,
                           Json extra = Json::object()) {
    auto result = executeStatement(harness, statement, std::move(extra));
    if (!result) return Json{{"error", result.error().message}};
    return (*result)["Items"];
}

}  // namespace shardscape::testing
