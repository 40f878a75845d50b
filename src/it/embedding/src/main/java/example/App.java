package example;

import org.apache.camel.main.Main;

/** The user's own Camel Main application: routes and beans come from application.properties. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        new Main(App.class).run(args);
    }
}
