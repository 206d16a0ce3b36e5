package fr.parcsolidaire.inventory;

public enum Grade {
    A("A – très bon état"),
    B("B – traces d'usage"),
    C("C – usure marquée, fonctionnel");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
