#pragma once
// The workbench's main window. For now it shows the engine's tables and their figures; the
// designer, data, query and physics panels dock into it as they arrive.

#include <QMainWindow>
#include <memory>

class QTreeWidget;
class QLabel;
class QDockWidget;
class QTabWidget;

namespace shardscape {
class Engine;
class WelcomePanel;
class DataView;
class QueryPanel;
class ConnectionController;
class ServerController;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    // `engine` may be null when the data directory could not be opened; `openError` then
    // says why and the window shows it instead of the tables.
    MainWindow(std::shared_ptr<Engine> engine, const QString& dataDirectory,
               const QString& openError = {}, QWidget* parent = nullptr);

    // Re-reads the table list and figures from the engine.
    void refresh();
    QTreeWidget* tableTree() const { return tables_; }

    // Docks the welcome page listing the bundled models and scenarios of
    // `bundledDirectory` (see app/bundled_data.h).
    void showWelcome(const QString& bundledDirectory);
    WelcomePanel* welcomePanel() const { return welcome_; }

    // The central views, by name: "tables", "data" or "query". False for an unknown name.
    bool showView(const QString& name);
    // Opens a model file in the engine (its tables, sample items and generated data) off
    // the GUI thread; `modelOpened` or `modelFailed` fires when done.
    void openModel(const QString& path);
    DataView* dataView() const { return data_; }
    QueryPanel* queryPanel() const { return query_; }
    // Remote connections (Connection menu, connection selector) and the local endpoint
    // (Server menu).
    ConnectionController* connections() const { return connections_; }
    ServerController* server() const { return server_; }

  signals:
    void modelOpened(const QString& summary);
    void modelFailed(const QString& message);

  private:
    std::shared_ptr<Engine> engine_;
    QTabWidget* views_ = nullptr;
    QTreeWidget* tables_ = nullptr;
    DataView* data_ = nullptr;
    QueryPanel* query_ = nullptr;
    QLabel* statusFigures_ = nullptr;
    QDockWidget* welcomeDock_ = nullptr;
    WelcomePanel* welcome_ = nullptr;
    ConnectionController* connections_ = nullptr;
    ServerController* server_ = nullptr;
};

}  // namespace shardscape
