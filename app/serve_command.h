#pragma once
// `shardscape-cli serve`: the engine behind a local DynamoDB endpoint until SIGINT/SIGTERM.

#include <QString>
#include <optional>

#include "protocol/sigv4.h"

namespace shardscape {

struct ServeSettings {
    QString dataDirectory;
    QString host = "127.0.0.1";
    int port = 8000;
    std::optional<sigv4::Credentials> requiredCredentials;
};

bool isLoopbackHost(const QString& host);

// Runs until SIGINT or SIGTERM, then stops the server, closes the engine and returns 0;
// returns 1 if the engine cannot be opened or the port cannot be bound.
int runServe(const ServeSettings& settings);

}  // namespace shardscape
