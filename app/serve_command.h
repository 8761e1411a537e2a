#pragma once
// `shardscape-cli serve`: the engine behind a local DynamoDB endpoint until SIGINT/SIGTERM.

#include <QString>
#include <cstdint>
#include <optional>
#include <string>

#include "protocol/sigv4.h"

namespace shardscape {

struct ServeSettings {
    QString dataDirectory;
    QString host = "127.0.0.1";
    int port = 8000;
    std::optional<sigv4::Credentials> requiredCredentials;
    // The region the health check (`GET /`) names, as DynamoDB's endpoint names its own.
    std::string region = "us-east-1";
    // How long tables stay CREATING, UPDATING and DELETING (EngineOptions); 0 is immediate.
    int64_t createTableMs = 0;
    int64_t updateTableMs = 0;
    int64_t deleteTableMs = 0;
};

bool isLoopbackHost(const QString& host);

// Runs until SIGINT or SIGTERM, then stops the server, closes the engine and returns 0;
// returns 1 if the engine cannot be opened or the port cannot be bound.
int runServe(const ServeSettings& settings);

}  // namespace shardscape
